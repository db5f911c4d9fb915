// Asks a fresh easy handle which CA file and directory libcurl was built to use.
#include "http/ca_store.hpp"

#include "http/curl_handles.hpp"

namespace bmx::http {

DefaultCaStore default_ca_store() {
    DefaultCaStore store;
    if (!ensure_curl_ready()) return store;
    EasyHandle easy(curl_easy_init());
    if (!easy) return store;
    char* bundle = nullptr;
    char* directory = nullptr;
    if (curl_easy_getinfo(easy.get(), CURLINFO_CAINFO, &bundle) == CURLE_OK && bundle != nullptr) store.bundle = bundle;
    if (curl_easy_getinfo(easy.get(), CURLINFO_CAPATH, &directory) == CURLE_OK && directory != nullptr)
        store.directory = directory;
    return store;
}

}  // namespace bmx::http
