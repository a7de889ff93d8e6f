#ifndef BEDROCK_SETUP_CPROCESS_SHIM_H
#define BEDROCK_SETUP_CPROCESS_SHIM_H

#include <signal.h>
#include <sys/resource.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

// prctl is variadic, which Swift cannot call: no core file, and no dump of any kind (piped
// core_pattern handlers included), for a process that may hold a secret in memory.
// The Swift runtime's crash backtracer is put back to the default action too: it needs to
// read the crashed process's memory from another process, which a non-dumpable process
// forbids, and was seen waiting forever instead of letting the process end.
static inline int bs_disable_core_dumps(void) {
    struct rlimit none = {0, 0};
    int result = setrlimit(RLIMIT_CORE, &none);
#ifdef __linux__
    if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) result = -1;
#endif
    int crashes[] = {SIGQUIT, SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE};
    for (unsigned i = 0; i < sizeof crashes / sizeof crashes[0]; i++) signal(crashes[i], SIG_DFL);
    return result;
}

#endif
