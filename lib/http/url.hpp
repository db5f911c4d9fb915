// URLs: joining a base URL and a path, resolving references, and comparing origins.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace bmx::http {

// scheme, host and port: the unit the API key is bound to.
struct Origin {
    std::string scheme;
    std::string host;
    std::string port;  // always filled in, defaulted from the scheme
    bool operator==(const Origin&) const = default;
    std::string to_string() const;
};

Result<Origin> origin_of(const std::string& url);

// base "https://h/api/v1" + path "/books?x=1" -> "https://h/api/v1/books?x=1"; the query is kept as given.
Result<std::string> join_base_and_path(const std::string& base_url, const std::string& path);

// Resolves a reference (absolute, or relative like "/images/1.jpg") against a URL.
Result<std::string> resolve_reference(const std::string& base_url, const std::string& reference);

// Percent-encodes a query value ("a b&c" -> "a%20b%26c").
std::string url_escape(std::string_view text);

// localhost, 127.0.0.0/8 and ::1: the only hosts a key may be sent to over plain http.
bool is_loopback_host(const std::string& host);

// Refuses to send an API key over plain http to a host other than loopback (stage "usage").
Status check_key_transport(const std::string& url);

}  // namespace bmx::http
