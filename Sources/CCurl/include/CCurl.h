#ifndef BEDROCK_SETUP_CCURL_H
#define BEDROCK_SETUP_CCURL_H
// libcurl, loaded on first use. Linking it would map it and its ~30 dependencies (GnuTLS,
// Kerberos, LDAP, SSH, ...) into every run, including the offline commands that make no network
// call; dlopen on the first request confines that cost to the runs that need it. Only the
// functions below are used: calling curl_* directly would not link.
#include <curl/curl.h>

/// Loads libcurl and runs curl_global_init, once per process (thread-safe). NULL on success,
/// otherwise why libcurl cannot be used. Every other function here needs a successful load.
const char *bs_curl_load(void);

CURL *bs_curl_easy_init(void);
void bs_curl_easy_cleanup(CURL *handle);
CURLcode bs_curl_easy_perform(CURL *handle);
const char *bs_curl_easy_strerror(CURLcode code);
struct curl_slist *bs_curl_slist_append(struct curl_slist *list, const char *text);
void bs_curl_slist_free_all(struct curl_slist *list);
CURLM *bs_curl_multi_init(void);
CURLMcode bs_curl_multi_add_handle(CURLM *multi, CURL *handle);
CURLMcode bs_curl_multi_remove_handle(CURLM *multi, CURL *handle);
CURLMcode bs_curl_multi_perform(CURLM *multi, int *running);
CURLMsg *bs_curl_multi_info_read(CURLM *multi, int *left);
CURLMcode bs_curl_multi_poll(CURLM *multi, struct curl_waitfd *extra, unsigned int count, int timeout_ms, int *ready);
CURLMcode bs_curl_multi_wakeup(CURLM *multi);

// curl_easy_setopt, curl_easy_getinfo and curl_multi_setopt are C variadics, which Swift
// cannot call: one typed wrapper per argument type we pass.
CURLcode bs_easy_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode bs_easy_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode bs_easy_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode bs_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);
typedef size_t (*bs_data_callback)(char *data, size_t size, size_t count, void *context);
CURLcode bs_easy_setopt_callback(CURL *handle, CURLoption option, bs_data_callback value);
CURLcode bs_easy_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode bs_easy_getinfo_pointer(CURL *handle, CURLINFO info, void **value);
CURLMcode bs_multi_setopt_long(CURLM *multi, CURLMoption option, long value);
#endif
