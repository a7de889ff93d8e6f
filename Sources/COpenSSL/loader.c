#include "COpenSSL.h"
#include "CLibraryLoader.h"
#include <pthread.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

static struct {
    int (*digest)(const void *, size_t, unsigned char *, unsigned int *, const EVP_MD *, ENGINE *);
    const EVP_MD *(*sha256)(void);
    const EVP_MD *(*sha1)(void);
    unsigned char *(*hmac)(const EVP_MD *, const void *, int, const unsigned char *, size_t, unsigned char *, unsigned int *);
} api;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static char failure[512];
static const char *load_error = "libcrypto was not loaded";

static void load(void) {
    // The soname of OpenSSL 3, as Debian's libssl3 package installs it (the headers come from libssl-dev).
    const bs_symbol symbols[] = {
        {"EVP_Digest", (void **)&api.digest}, {"EVP_sha256", (void **)&api.sha256},
        {"EVP_sha1", (void **)&api.sha1}, {"HMAC", (void **)&api.hmac},
    };
    load_error = bs_load_library("libcrypto.so.3", "install libssl3", "OpenSSL 3 is needed", symbols,
                                 sizeof symbols / sizeof symbols[0], failure, sizeof failure);
}

const char *bs_crypto_load(void) {
    pthread_once(&once, load);
    return load_error;
}

int bs_sha256(const void *data, size_t count, unsigned char *out) {
    unsigned int length = 0;
    return bs_crypto_load() == NULL && api.digest(data, count, out, &length, api.sha256(), NULL) == 1 && length == 32;
}

int bs_sha1(const void *data, size_t count, unsigned char *out) {
    unsigned int length = 0;
    return bs_crypto_load() == NULL && api.digest(data, count, out, &length, api.sha1(), NULL) == 1 && length == 20;
}

int bs_hmac_sha256(const void *key, int key_count, const unsigned char *data, size_t count, unsigned char *out) {
    unsigned int length = 0;
    return bs_crypto_load() == NULL && api.hmac(api.sha256(), key, key_count, data, count, out, &length) != NULL && length == 32;
}
