// URLs: joining a base URL and a path, resolving references, and comparing origins.
#include "http/url.hpp"

#include <cstdio>
#include <new>

#include <fmt/format.h>

#include "core/text.hpp"
#include "http/curl_handles.hpp"

namespace bmx::http {
namespace {

Result<std::string> url_part(CURLU* url, CURLUPart part) {
    char* raw = nullptr;
    CURLUcode code = curl_url_get(url, part, &raw, part == CURLUPART_PORT ? CURLU_DEFAULT_PORT : 0);
    CurlString owned(raw);
    if (code != CURLUE_OK) return make_error(Stage::usage, curl_url_strerror(code));
    return std::string(owned.get());
}

Result<UrlHandle> parse_url(const std::string& text) {
    if (auto ready = ensure_curl_ready(); !ready) return ready.take_error();
    UrlHandle url(curl_url());
    if (!url) return make_error(Stage::usage, "out of memory parsing a URL");
    CURLUcode code = curl_url_set(url.get(), CURLUPART_URL, text.c_str(), 0);
    if (code != CURLUE_OK) return make_error(Stage::usage, fmt::format("invalid URL '{}': {}", text, curl_url_strerror(code)));
    return url;
}

}  // namespace

std::string Origin::to_string() const { return fmt::format("{}://{}:{}", scheme, host, port); }

Result<Origin> origin_of(const std::string& text) {
    auto url = parse_url(text);
    if (!url) return url.take_error();
    Origin origin;
    auto scheme = url_part(url->get(), CURLUPART_SCHEME);
    auto host = url_part(url->get(), CURLUPART_HOST);
    auto port = url_part(url->get(), CURLUPART_PORT);
    if (!scheme || !host || !port) return make_error(Stage::usage, fmt::format("URL '{}' has no scheme, host or port", text));
    origin.scheme = to_lower(*scheme);
    origin.host = to_lower(*host);
    origin.port = *port;
    return origin;
}

Result<std::string> join_base_and_path(const std::string& base_url, const std::string& path) {
    if (path.find("://") != std::string::npos && path.find("://") < path.find_first_of("/?"))
        return make_error(Stage::usage, fmt::format("PATH '{}' is a full URL; give a path relative to the environment's "
                                               "base URL, or choose another base URL",
                                               path));
    std::string base = base_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    if (path.empty() || path.front() != '/') return base + "/" + path;
    return base + path;
}

Result<std::string> resolve_reference(const std::string& base_url, const std::string& reference) {
    auto url = parse_url(base_url);
    if (!url) return url.take_error();
    CURLUcode code = curl_url_set(url->get(), CURLUPART_URL, reference.c_str(), 0);
    if (code != CURLUE_OK)
        return make_error(Stage::usage, fmt::format("cannot resolve '{}' against {}: {}", reference, base_url, curl_url_strerror(code)));
    return url_part(url->get(), CURLUPART_URL);
}

std::string url_escape(std::string_view text) {
    // Parsing the base URL, which every request starts with, has made libcurl ready (or failed).
    CurlString escaped(curl_easy_escape(nullptr, text.data(), static_cast<int>(text.size())));
    if (!escaped) throw std::bad_alloc();
    return std::string(escaped.get());
}

bool is_loopback_host(const std::string& host_text) {
    std::string host = to_lower(host_text);
    if (host == "localhost" || host == "::1" || host == "[::1]") return true;
    unsigned a = 0, b = 0, c = 0, d = 0;
    char tail = 0;
    if (std::sscanf(host.c_str(), "%u.%u.%u.%u%c", &a, &b, &c, &d, &tail) == 4)
        return a == 127 && b < 256 && c < 256 && d < 256;
    return false;
}

Status check_key_transport(const std::string& url) {
    auto origin = origin_of(url);
    if (!origin) return origin.take_error();
    if (origin->scheme == "https") return Ok{};
    if (origin->scheme == "http" && is_loopback_host(origin->host)) return Ok{};
    return make_error(Stage::usage, fmt::format("refusing to send the API key over plain {} to {}: use https "
                                           "(plain http is allowed only to localhost, 127.0.0.0/8 and ::1)",
                                           origin->scheme, origin->host));
}

}  // namespace bmx::http
