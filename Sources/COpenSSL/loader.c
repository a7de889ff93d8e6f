#include "COpenSSL.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
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
    void *library = dlopen("libcrypto.so.3", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        const char *reason = dlerror();
        snprintf(failure, sizeof failure, "OpenSSL's libcrypto.so.3 could not be loaded (%s); install libssl3",
                 reason ? reason : "not found");
        load_error = failure;
        return;
    }
#define BIND(field, name)                                                                           \
    if ((*(void **)&api.field = dlsym(library, name)) == NULL) {                                    \
        snprintf(failure, sizeof failure, "libcrypto.so.3 lacks %s (OpenSSL 3 is needed)", name); \
        load_error = failure;                                                                       \
        return;                                                                                     \
    }
    BIND(digest, "EVP_Digest")
    BIND(sha256, "EVP_sha256")
    BIND(sha1, "EVP_sha1")
    BIND(hmac, "HMAC")
#undef BIND
    load_error = NULL;
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
