#ifndef BEDROCK_SETUP_COPENSSL_H
#define BEDROCK_SETUP_COPENSSL_H
// OpenSSL's libcrypto, loaded on first use. Linked, it is mapped and relocated (21,000
// relocations, about 2.5 M instructions) in every run, including --version and the offline
// commands that never sign anything; dlopen on the first digest confines that cost to the runs
// that need one (docs/benchmarks.md). Only the functions below are used.
#include <stddef.h>

/// Loads libcrypto.so.3, once per process (thread-safe). NULL on success, otherwise why it
/// cannot be used. The digest functions load it themselves and return 0 when it cannot be.
const char *bs_crypto_load(void);

/// One-shot SHA-256 (32 bytes into `out`) and SHA-1 (20 bytes). 1 on success.
int bs_sha256(const void *data, size_t count, unsigned char *out);
int bs_sha1(const void *data, size_t count, unsigned char *out);
/// HMAC-SHA256 (32 bytes into `out`). 1 on success.
int bs_hmac_sha256(const void *key, int key_count, const unsigned char *data, size_t count, unsigned char *out);

#endif
