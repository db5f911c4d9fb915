/* Forwarders for libcurl's variadic functions, into libcurl.so.4 opened on first use (see
 * libcurl_on_demand.cpp, which looks the real functions up). Written in C because reading the
 * arguments after an enum parameter (CURLoption, CURLINFO) with va_start is defined in C and
 * undefined in C++. */
#include <stdarg.h>

/* These definitions are the functions curl.h's type-checking macros would otherwise rename. */
#define CURL_DISABLE_TYPECHECK
#include <curl/curl.h>

typedef CURLcode EasySetopt(CURL *, CURLoption, ...);
typedef CURLcode EasyGetinfo(CURL *, CURLINFO, ...);
typedef CURLMcode MultiSetopt(CURLM *, CURLMoption, ...);

/* The real functions, or NULL when libcurl cannot be loaded. */
EasySetopt *bmx_libcurl_easy_setopt(void);
EasyGetinfo *bmx_libcurl_easy_getinfo(void);
MultiSetopt *bmx_libcurl_multi_setopt(void);

/* The option's number range says the type of its argument (curl.h's CURLOPTTYPE_*), as
 * libcurl itself reads it. Callbacks travel as a generic function pointer type: every function
 * pointer is passed alike in the ABIs Debian builds for, and libcurl reads it back as the
 * callback type the option declares. */
enum ArgumentType { argument_long, argument_off_t, argument_function, argument_pointer };

static enum ArgumentType argument_type(long option) {
    switch (option / 10000 * 10000) {
        case CURLOPTTYPE_LONG: return argument_long;
        case CURLOPTTYPE_OFF_T: return argument_off_t;
        case CURLOPTTYPE_FUNCTIONPOINT: return argument_function;
        default: return argument_pointer; /* objects, strings, lists, blobs */
    }
}

CURLcode curl_easy_setopt(CURL *handle, CURLoption option, ...) {
    EasySetopt *real = bmx_libcurl_easy_setopt();
    CURLcode code = CURLE_FAILED_INIT;
    va_list arguments;
    if (real == NULL) return code;
    va_start(arguments, option);
    switch (argument_type((long)option)) {
        case argument_long: code = real(handle, option, va_arg(arguments, long)); break;
        case argument_off_t: code = real(handle, option, va_arg(arguments, curl_off_t)); break;
        case argument_function: code = real(handle, option, va_arg(arguments, void (*)(void))); break;
        case argument_pointer: code = real(handle, option, va_arg(arguments, void *)); break;
    }
    va_end(arguments);
    return code;
}

CURLMcode curl_multi_setopt(CURLM *multi, CURLMoption option, ...) {
    MultiSetopt *real = bmx_libcurl_multi_setopt();
    CURLMcode code = CURLM_BAD_HANDLE;
    va_list arguments;
    if (real == NULL) return code;
    va_start(arguments, option);
    switch (argument_type((long)option)) {
        case argument_long: code = real(multi, option, va_arg(arguments, long)); break;
        case argument_off_t: code = real(multi, option, va_arg(arguments, curl_off_t)); break;
        case argument_function: code = real(multi, option, va_arg(arguments, void (*)(void))); break;
        case argument_pointer: code = real(multi, option, va_arg(arguments, void *)); break;
    }
    va_end(arguments);
    return code;
}

/* Every CURLINFO_* argument is a pointer to where the answer goes. */
CURLcode curl_easy_getinfo(CURL *handle, CURLINFO info, ...) {
    EasyGetinfo *real = bmx_libcurl_easy_getinfo();
    void *answer;
    va_list arguments;
    if (real == NULL) return CURLE_FAILED_INIT;
    va_start(arguments, info);
    answer = va_arg(arguments, void *);
    va_end(arguments);
    return real(handle, info, answer);
}
