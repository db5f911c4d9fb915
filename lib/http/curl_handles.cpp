// RAII owners for libcurl's C handles, and the one-time check that libcurl is usable.
#include "http/curl_handles.hpp"

#include <new>

#include <fmt/format.h>

namespace bmx::http {
namespace {

std::string version_text(unsigned version_num) {
    return fmt::format("{}.{}.{}", (version_num >> 16) & 0xff, (version_num >> 8) & 0xff, version_num & 0xff);
}

Status initialize_curl() {
    const curl_version_info_data* info = curl_version_info(CURLVERSION_NOW);
    if (info == nullptr) return make_error(Stage::setup, "libcurl did not report its version");
    if (auto recent = check_libcurl_version(info->version_num, info->version != nullptr ? info->version : "");
        !recent)
        return recent;
    CURLcode initialized = curl_global_init(CURL_GLOBAL_DEFAULT);
    if (initialized != CURLE_OK)
        return make_error(Stage::setup, fmt::format("libcurl could not initialise: {}", curl_easy_strerror(initialized)));
    return Ok{};
}

}  // namespace

Status check_libcurl_version(unsigned version_num, std::string_view version) {
    if (version_num >= minimum_libcurl_version) return Ok{};
    return make_error(Stage::setup, fmt::format("libcurl {} is too old: bmx-api needs libcurl {} or newer "
                                           "(for CURLOPT_PROTOCOLS_STR)",
                                           version.empty() ? version_text(version_num) : std::string(version),
                                           version_text(minimum_libcurl_version)));
}

Status ensure_curl_ready() {
    static const Status ready = initialize_curl();  // once, thread-safe
    return ready;
}

Error option_error(CURLoption option, CURLcode code) {
    const curl_easyoption* known = curl_easy_option_by_id(option);
    std::string name = known != nullptr ? fmt::format("CURLOPT_{}", known->name) : fmt::format("option {}", static_cast<int>(option));
    return make_error(Stage::setup, fmt::format("libcurl refused {}: {}", name, curl_easy_strerror(code)));
}

void HeaderList::append(const char* line) {
    curl_slist* grown = curl_slist_append(list_.get(), line);
    if (grown == nullptr) throw std::bad_alloc();
    (void)list_.release();
    list_.reset(grown);
}

}  // namespace bmx::http
