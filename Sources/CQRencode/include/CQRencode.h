#ifndef BEDROCK_SETUP_CQRENCODE_H
#define BEDROCK_SETUP_CQRENCODE_H
// libqrencode, loaded on first use: only the wizard's sign-in screen draws a QR code, so no other
// run maps the library (StartupTests). Only the functions below are used.
#include <qrencode.h>

/// Loads libqrencode once per process (thread-safe). NULL on success, otherwise why it cannot be used.
const char *bs_qrencode_load(void);

/// QRcode_encodeString8bit and QRcode_free; need a successful load.
QRcode *bs_qrcode_encode_8bit(const char *text, int version, QRecLevel level);
void bs_qrcode_free(QRcode *code);
#endif
