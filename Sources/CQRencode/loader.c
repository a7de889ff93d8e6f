#include "CQRencode.h"
#include "CLibraryLoader.h"
#include <pthread.h>

static QRcode *(*encode_8bit)(const char *, int, QRecLevel);
static void (*free_code)(QRcode *);
static pthread_once_t once = PTHREAD_ONCE_INIT;
static char failure[512];
static const char *load_error = "libqrencode was not loaded";

static void load(void) {
    // The soname Debian's libqrencode4 package installs.
    const bs_symbol symbols[] = {{"QRcode_encodeString8bit", (void **)&encode_8bit}, {"QRcode_free", (void **)&free_code}};
    load_error = bs_load_library("libqrencode.so.4", "install libqrencode4", "libqrencode 4 is needed", symbols,
                                 sizeof symbols / sizeof symbols[0], failure, sizeof failure);
}

const char *bs_qrencode_load(void) {
    pthread_once(&once, load);
    return load_error;
}

QRcode *bs_qrcode_encode_8bit(const char *text, int version, QRecLevel level) { return encode_8bit(text, version, level); }
void bs_qrcode_free(QRcode *code) { free_code(code); }
