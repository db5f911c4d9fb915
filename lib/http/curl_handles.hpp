// RAII owners for libcurl's C handles: easy, multi, header lists, MIME forms and parsed URLs.
#pragma once

#include <memory>
#include <string_view>

#include <curl/curl.h>

#include "core/result.hpp"

namespace bmx::http {

// The oldest libcurl bmx-api works with: 7.85.0 added CURLOPT_PROTOCOLS_STR, which keeps
// every transfer to http and https.
inline constexpr unsigned minimum_libcurl_version = CURL_VERSION_BITS(7, 85, 0);

// Checks the running libcurl's version and runs curl_global_init, once per process, before
// any handle is made. Every path into libcurl calls this first and passes its error on
// (stage "setup"): a libcurl older than 7.85.0 is refused here, before any request.
Status ensure_curl_ready();

// The version check on its own: `version_num` and `version` as curl_version_info reports them.
Status check_libcurl_version(unsigned version_num, std::string_view version);

// Sets one easy option; a refusal (an option this libcurl lacks, no memory for a string) is
// an error naming the option and libcurl's reason (stage "setup"), never ignored.
template <class Value>
Status set_option(CURL* easy, CURLoption option, Value value);

// The error for an option libcurl refused.
Error option_error(CURLoption option, CURLcode code);

template <class Value>
Status set_option(CURL* easy, CURLoption option, Value value) {
    CURLcode code = curl_easy_setopt(easy, option, value);
    if (code != CURLE_OK) return option_error(option, code);
    return Ok{};
}

struct EasyDeleter {
    void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct MultiDeleter {
    void operator()(CURLM* handle) const { curl_multi_cleanup(handle); }
};
struct SlistDeleter {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
struct MimeDeleter {
    void operator()(curl_mime* mime) const { curl_mime_free(mime); }
};
struct UrlDeleter {
    void operator()(CURLU* url) const { curl_url_cleanup(url); }
};

using EasyHandle = std::unique_ptr<CURL, EasyDeleter>;
using MultiHandle = std::unique_ptr<CURLM, MultiDeleter>;
using MimeHandle = std::unique_ptr<curl_mime, MimeDeleter>;
using UrlHandle = std::unique_ptr<CURLU, UrlDeleter>;

// A curl_slist that appends in place; owns the list.
class HeaderList {
public:
    void append(const char* line);
    curl_slist* get() const { return list_.get(); }

private:
    std::unique_ptr<curl_slist, SlistDeleter> list_;
};

// Allocated by curl_url_get; freed with curl_free.
struct CurlStringDeleter {
    void operator()(char* text) const { curl_free(text); }
};
using CurlString = std::unique_ptr<char, CurlStringDeleter>;

}  // namespace bmx::http
