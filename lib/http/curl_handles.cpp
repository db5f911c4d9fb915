// RAII owners for libcurl's C handles.
#include "http/curl_handles.hpp"

#include <new>

#include <fmt/format.h>

#include "http/libcurl_on_demand.hpp"

namespace bmx::http {

Status ensure_curl_initialized() {
    if (auto loaded = libcurl_library().open(); !loaded) return loaded;
    static const CURLcode initialized = curl_global_init(CURL_GLOBAL_DEFAULT);  // once, thread-safe
    if (initialized != CURLE_OK)
        return make_error(Stage::setup, fmt::format("libcurl could not initialise: {}", curl_easy_strerror(initialized)));
    return Ok{};
}

void HeaderList::append(const char* line) {
    curl_slist* grown = curl_slist_append(list_.get(), line);
    if (grown == nullptr) throw std::bad_alloc();
    (void)list_.release();
    list_.reset(grown);
}

}  // namespace bmx::http
