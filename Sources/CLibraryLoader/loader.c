#include "CLibraryLoader.h"
#include <dlfcn.h>
#include <stdio.h>

const char *bs_load_library(const char *soname, const char *install, const char *requirement,
                            const bs_symbol *symbols, size_t count, char *failure, size_t size) {
    void *library = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        const char *reason = dlerror();
        snprintf(failure, size, "%s could not be loaded (%s); %s", soname, reason ? reason : "not found", install);
        return failure;
    }
    for (size_t index = 0; index < count; index++) {
        *symbols[index].slot = dlsym(library, symbols[index].name);
        if (*symbols[index].slot == NULL) {
            snprintf(failure, size, "%s lacks %s (%s)", soname, symbols[index].name, requirement);
            return failure;
        }
    }
    return NULL;
}
