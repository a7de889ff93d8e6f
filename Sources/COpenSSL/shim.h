#ifndef BEDROCK_SETUP_COPENSSL_SHIM_H
#define BEDROCK_SETUP_COPENSSL_SHIM_H
// No wrappers needed: the one-shot digest and HMAC calls are plain C functions Swift imports.
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/crypto.h>
#endif
