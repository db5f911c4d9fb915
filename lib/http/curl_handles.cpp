// RAII owners for libcurl's C handles.
#include "http/curl_handles.hpp"

#include <mutex>
#include <new>

namespace bmx::http {

void ensure_curl_initialized() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

void HeaderList::append(const char* line) {
    curl_slist* grown = curl_slist_append(list_.get(), line);
    if (grown == nullptr) throw std::bad_alloc();
    (void)list_.release();
    list_.reset(grown);
}

}  // namespace bmx::http
