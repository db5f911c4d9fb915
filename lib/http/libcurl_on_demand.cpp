// Forwarders for the libcurl functions bmx-api uses, into libcurl.so.4 opened on first use.
//
// Each forwarder looks its function up once. When libcurl cannot be loaded, a forwarder
// returns libcurl's own failure value (CURLE_FAILED_INIT, nullptr, ...); callers get the
// reason from ensure_curl_initialized(), which every path into libcurl calls first.
#include "http/libcurl_on_demand.hpp"

#include <type_traits>

#include <curl/curl.h>

namespace bmx::http {

OnDemandLibrary& libcurl_library() {
    static OnDemandLibrary library("libcurl.so.4", "libcurl4");
    return library;
}

namespace {

template <class Function>
Function* libcurl_function(const char* name) {
    return libcurl_library().function<Function>(name);
}

template <class Function>
struct Signature;
template <class Return, class... Parameters>
struct Signature<Return(Parameters...)> {
    using result = Return;
};

// Calls the real function named `name`, whose type is that of `Declared` (the declaration in
// curl.h this forwarder defines), or answers `failure` when libcurl is not loaded.
template <auto& Declared, class... Arguments>
auto forward(const char* name, typename Signature<std::remove_reference_t<decltype(Declared)>>::result failure,
             Arguments... arguments) {
    using Function = std::remove_reference_t<decltype(Declared)>;
    static Function* const real = libcurl_function<Function>(name);
    return real != nullptr ? real(arguments...) : failure;
}

// The same for functions that return nothing (the cleanups).
template <auto& Declared, class... Arguments>
void forward_void(const char* name, Arguments... arguments) {
    using Function = std::remove_reference_t<decltype(Declared)>;
    static Function* const real = libcurl_function<Function>(name);
    if (real != nullptr) real(arguments...);
}

constexpr const char* not_loaded = "libcurl is not loaded";

}  // namespace
}  // namespace bmx::http

using bmx::http::forward;
using bmx::http::forward_void;
using bmx::http::libcurl_function;
using bmx::http::not_loaded;

extern "C" {

CURLcode curl_global_init(long flags) {
    return forward<curl_global_init>("curl_global_init", CURLE_FAILED_INIT, flags);
}

CURL* curl_easy_init() {
    return forward<curl_easy_init>("curl_easy_init", nullptr);
}

CURLcode curl_easy_perform(CURL* handle) {
    return forward<curl_easy_perform>("curl_easy_perform", CURLE_FAILED_INIT, handle);
}

void curl_easy_cleanup(CURL* handle) { forward_void<curl_easy_cleanup>("curl_easy_cleanup", handle); }

const char* curl_easy_strerror(CURLcode code) {
    return forward<curl_easy_strerror>("curl_easy_strerror", not_loaded, code);
}

char* curl_easy_escape(CURL* handle, const char* text, int length) {
    return forward<curl_easy_escape>("curl_easy_escape", nullptr, handle, text, length);
}

void curl_free(void* pointer) { forward_void<curl_free>("curl_free", pointer); }

curl_slist* curl_slist_append(curl_slist* list, const char* line) {
    return forward<curl_slist_append>("curl_slist_append", nullptr, list, line);
}

void curl_slist_free_all(curl_slist* list) { forward_void<curl_slist_free_all>("curl_slist_free_all", list); }

CURLM* curl_multi_init() {
    return forward<curl_multi_init>("curl_multi_init", nullptr);
}

CURLMcode curl_multi_cleanup(CURLM* multi) {
    return forward<curl_multi_cleanup>("curl_multi_cleanup", CURLM_BAD_HANDLE, multi);
}

CURLMcode curl_multi_add_handle(CURLM* multi, CURL* handle) {
    return forward<curl_multi_add_handle>("curl_multi_add_handle", CURLM_BAD_HANDLE, multi, handle);
}

CURLMcode curl_multi_remove_handle(CURLM* multi, CURL* handle) {
    return forward<curl_multi_remove_handle>("curl_multi_remove_handle", CURLM_BAD_HANDLE, multi, handle);
}

CURLMcode curl_multi_perform(CURLM* multi, int* running) {
    return forward<curl_multi_perform>("curl_multi_perform", CURLM_BAD_HANDLE, multi, running);
}

CURLMcode curl_multi_poll(CURLM* multi, curl_waitfd extra_fds[], unsigned int extra_count, int timeout_ms, int* ready) {
    return forward<curl_multi_poll>("curl_multi_poll", CURLM_BAD_HANDLE, multi, extra_fds, extra_count, timeout_ms, ready);
}

CURLMcode curl_multi_wakeup(CURLM* multi) {
    return forward<curl_multi_wakeup>("curl_multi_wakeup", CURLM_BAD_HANDLE, multi);
}

CURLMsg* curl_multi_info_read(CURLM* multi, int* left) {
    return forward<curl_multi_info_read>("curl_multi_info_read", nullptr, multi, left);
}

const char* curl_multi_strerror(CURLMcode code) {
    return forward<curl_multi_strerror>("curl_multi_strerror", not_loaded, code);
}

CURLU* curl_url() {
    return forward<curl_url>("curl_url", nullptr);
}

void curl_url_cleanup(CURLU* url) { forward_void<curl_url_cleanup>("curl_url_cleanup", url); }

CURLUcode curl_url_get(CURLU* url, CURLUPart part, char** text, unsigned int flags) {
    return forward<curl_url_get>("curl_url_get", CURLUE_BAD_HANDLE, url, part, text, flags);
}

CURLUcode curl_url_set(CURLU* url, CURLUPart part, const char* text, unsigned int flags) {
    return forward<curl_url_set>("curl_url_set", CURLUE_BAD_HANDLE, url, part, text, flags);
}

const char* curl_url_strerror(CURLUcode code) {
    return forward<curl_url_strerror>("curl_url_strerror", not_loaded, code);
}

curl_mime* curl_mime_init(CURL* handle) {
    return forward<curl_mime_init>("curl_mime_init", nullptr, handle);
}

void curl_mime_free(curl_mime* mime) { forward_void<curl_mime_free>("curl_mime_free", mime); }

curl_mimepart* curl_mime_addpart(curl_mime* mime) {
    return forward<curl_mime_addpart>("curl_mime_addpart", nullptr, mime);
}

CURLcode curl_mime_name(curl_mimepart* part, const char* name) {
    return forward<curl_mime_name>("curl_mime_name", CURLE_FAILED_INIT, part, name);
}

CURLcode curl_mime_filename(curl_mimepart* part, const char* filename) {
    return forward<curl_mime_filename>("curl_mime_filename", CURLE_FAILED_INIT, part, filename);
}

CURLcode curl_mime_type(curl_mimepart* part, const char* type) {
    return forward<curl_mime_type>("curl_mime_type", CURLE_FAILED_INIT, part, type);
}

CURLcode curl_mime_data(curl_mimepart* part, const char* data, size_t size) {
    return forward<curl_mime_data>("curl_mime_data", CURLE_FAILED_INIT, part, data, size);
}

CURLcode curl_mime_data_cb(curl_mimepart* part, curl_off_t size, curl_read_callback read, curl_seek_callback seek,
                           curl_free_callback free_callback, void* arg) {
    return forward<curl_mime_data_cb>("curl_mime_data_cb", CURLE_FAILED_INIT, part, size, read, seek, free_callback, arg);
}

CURLcode curl_mime_filedata(curl_mimepart* part, const char* path) {
    return forward<curl_mime_filedata>("curl_mime_filedata", CURLE_FAILED_INIT, part, path);
}

// The variadic functions' forwarders are in libcurl_variadic.c: C++ cannot read the
// arguments after an enum parameter (va_start on CURLoption is undefined there), C can.
using EasySetopt = decltype(curl_easy_setopt);
using EasyGetinfo = decltype(curl_easy_getinfo);
using MultiSetopt = decltype(curl_multi_setopt);

EasySetopt* bmx_libcurl_easy_setopt() {
    static auto* const real = libcurl_function<EasySetopt>("curl_easy_setopt");
    return real;
}

EasyGetinfo* bmx_libcurl_easy_getinfo() {
    static auto* const real = libcurl_function<EasyGetinfo>("curl_easy_getinfo");
    return real;
}

MultiSetopt* bmx_libcurl_multi_setopt() {
    static auto* const real = libcurl_function<MultiSetopt>("curl_multi_setopt");
    return real;
}

}  // extern "C"
