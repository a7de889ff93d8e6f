#include "CCurl.h"
#include "CLibraryLoader.h"
#include <pthread.h>
#include <stdio.h>

static struct {
    CURLcode (*global_init)(long flags);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *);
    CURLcode (*easy_perform)(CURL *);
    const char *(*easy_strerror)(CURLcode);
    CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
    CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
    CURLM *(*multi_init)(void);
    CURLMcode (*multi_setopt)(CURLM *, CURLMoption, ...);
    CURLMcode (*multi_add_handle)(CURLM *, CURL *);
    CURLMcode (*multi_remove_handle)(CURLM *, CURL *);
    CURLMcode (*multi_perform)(CURLM *, int *);
    CURLMsg *(*multi_info_read)(CURLM *, int *);
    CURLMcode (*multi_poll)(CURLM *, struct curl_waitfd *, unsigned int, int, int *);
    CURLMcode (*multi_wakeup)(CURLM *);
} api;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static char failure[512];
static const char *load_error = "libcurl was not loaded";

static void load(void) {
    // The soname of libcurl 7.16 and later, as Debian's libcurl4 package installs it.
    const bs_symbol symbols[] = {
        {"curl_global_init", (void **)&api.global_init},
        {"curl_easy_init", (void **)&api.easy_init},
        {"curl_easy_cleanup", (void **)&api.easy_cleanup},
        {"curl_easy_perform", (void **)&api.easy_perform},
        {"curl_easy_strerror", (void **)&api.easy_strerror},
        {"curl_easy_setopt", (void **)&api.easy_setopt},
        {"curl_easy_getinfo", (void **)&api.easy_getinfo},
        {"curl_slist_append", (void **)&api.slist_append},
        {"curl_slist_free_all", (void **)&api.slist_free_all},
        {"curl_multi_init", (void **)&api.multi_init},
        {"curl_multi_setopt", (void **)&api.multi_setopt},
        {"curl_multi_add_handle", (void **)&api.multi_add_handle},
        {"curl_multi_remove_handle", (void **)&api.multi_remove_handle},
        {"curl_multi_perform", (void **)&api.multi_perform},
        {"curl_multi_info_read", (void **)&api.multi_info_read},
        {"curl_multi_poll", (void **)&api.multi_poll},
        {"curl_multi_wakeup", (void **)&api.multi_wakeup},
    };
    load_error = bs_load_library("libcurl.so.4", "install libcurl4", "libcurl 7.68 or newer is needed", symbols,
                                 sizeof symbols / sizeof symbols[0], failure, sizeof failure);
    if (load_error != NULL) return;
    CURLcode code = api.global_init(CURL_GLOBAL_DEFAULT);
    if (code != CURLE_OK) {
        snprintf(failure, sizeof failure, "libcurl could not start: %s", api.easy_strerror(code));
        load_error = failure;
        return;
    }
    load_error = NULL;
}

const char *bs_curl_load(void) {
    pthread_once(&once, load);
    return load_error;
}

CURL *bs_curl_easy_init(void) { return api.easy_init(); }
void bs_curl_easy_cleanup(CURL *handle) { api.easy_cleanup(handle); }
CURLcode bs_curl_easy_perform(CURL *handle) { return api.easy_perform(handle); }
const char *bs_curl_easy_strerror(CURLcode code) { return api.easy_strerror(code); }
struct curl_slist *bs_curl_slist_append(struct curl_slist *list, const char *text) { return api.slist_append(list, text); }
void bs_curl_slist_free_all(struct curl_slist *list) { api.slist_free_all(list); }
CURLM *bs_curl_multi_init(void) { return api.multi_init(); }
CURLMcode bs_curl_multi_add_handle(CURLM *multi, CURL *handle) { return api.multi_add_handle(multi, handle); }
CURLMcode bs_curl_multi_remove_handle(CURLM *multi, CURL *handle) { return api.multi_remove_handle(multi, handle); }
CURLMcode bs_curl_multi_perform(CURLM *multi, int *running) { return api.multi_perform(multi, running); }
CURLMsg *bs_curl_multi_info_read(CURLM *multi, int *left) { return api.multi_info_read(multi, left); }
CURLMcode bs_curl_multi_poll(CURLM *multi, struct curl_waitfd *extra, unsigned int count, int timeout_ms, int *ready) {
    return api.multi_poll(multi, extra, count, timeout_ms, ready);
}
CURLMcode bs_curl_multi_wakeup(CURLM *multi) { return api.multi_wakeup(multi); }

CURLcode bs_easy_setopt_long(CURL *handle, CURLoption option, long value) { return api.easy_setopt(handle, option, value); }
CURLcode bs_easy_setopt_string(CURL *handle, CURLoption option, const char *value) { return api.easy_setopt(handle, option, value); }
CURLcode bs_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) { return api.easy_setopt(handle, option, value); }
CURLcode bs_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) { return api.easy_setopt(handle, option, value); }
CURLcode bs_easy_setopt_callback(CURL *handle, CURLoption option, bs_data_callback value) { return api.easy_setopt(handle, option, value); }
CURLcode bs_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) { return api.easy_getinfo(handle, info, value); }
CURLcode bs_easy_getinfo_pointer(CURL *handle, CURLINFO info, void **value) { return api.easy_getinfo(handle, info, value); }
CURLMcode bs_multi_setopt_long(CURLM *multi, CURLMoption option, long value) { return api.multi_setopt(multi, option, value); }
