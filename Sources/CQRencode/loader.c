#include "CQRencode.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

static QRcode *(*encode_8bit)(const char *, int, QRecLevel);
static void (*free_code)(QRcode *);
static pthread_once_t once = PTHREAD_ONCE_INIT;
static char failure[512];
static const char *load_error = "libqrencode was not loaded";

static void load(void) {
    // The soname Debian's libqrencode4 package installs.
    void *library = dlopen("libqrencode.so.4", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        const char *reason = dlerror();
        snprintf(failure, sizeof failure, "libqrencode could not be loaded (%s); install libqrencode4", reason ? reason : "not found");
        load_error = failure;
        return;
    }
    encode_8bit = (QRcode *(*)(const char *, int, QRecLevel))dlsym(library, "QRcode_encodeString8bit");
    free_code = (void (*)(QRcode *))dlsym(library, "QRcode_free");
    if (encode_8bit == NULL || free_code == NULL) {
        snprintf(failure, sizeof failure, "libqrencode.so.4 lacks QRcode_encodeString8bit or QRcode_free");
        load_error = failure;
        return;
    }
    load_error = NULL;
}

const char *bs_qrencode_load(void) {
    pthread_once(&once, load);
    return load_error;
}

QRcode *bs_qrcode_encode_8bit(const char *text, int version, QRecLevel level) { return encode_8bit(text, version, level); }
void bs_qrcode_free(QRcode *code) { free_code(code); }
