// RAII owners for libcurl's C handles: easy, multi, header lists, MIME forms and parsed URLs.
#pragma once

#include <memory>

#include <curl/curl.h>

#include "core/result.hpp"

namespace bmx::http {

// Loads libcurl and runs curl_global_init, once per process, before any handle is made.
// Every path into libcurl calls this first and passes its error on (stage "setup").
Status ensure_curl_initialized();

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
