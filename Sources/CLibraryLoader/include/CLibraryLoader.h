#ifndef BEDROCK_SETUP_CLIBRARYLOADER_H
#define BEDROCK_SETUP_CLIBRARYLOADER_H
// One way to load a C library on first use (libcurl, libcrypto, libqrencode): dlopen by soname, every
// symbol bound or none used, and a sentence that names what to install when it fails. Each caller
// keeps its own pthread_once, function table and message buffer.
#include <stddef.h>

typedef struct {
    const char *name;
    void **slot;
} bs_symbol;

/// Opens `soname` and binds each symbol into its slot. NULL on success; otherwise `failure` holds why
/// (the loader's reason and `install`, e.g. "install libcurl4", or the first missing symbol and
/// `requirement`, e.g. "libcurl 7.68 or newer is needed") and is returned.
const char *bs_load_library(const char *soname, const char *install, const char *requirement,
                            const bs_symbol *symbols, size_t count, char *failure, size_t size);
#endif
