// Plain values for one HTTP exchange: the request to make and the response that came back.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "env/api_key.hpp"

namespace bmx::http {

enum class Method { get, post, put, patch, del, head };

const char* method_name(Method method);

struct FormPart {
    std::string name;          // the form field, e.g. "file" or "thumbnail"
    std::string filename;      // the file name the server sees
    std::string content_type;  // e.g. "image/jpeg"
    std::filesystem::path file;  // streamed from disk when set...
    // ...else these bytes, sent from this buffer without a copy (an upload's checked original)...
    std::shared_ptr<const std::string> shared_data;
    std::string data;            // ...else these bytes
};

// The largest answer body taken in by default: 64 MiB once decoded (gzip, br, zstd). The API's
// answers are JSON of a few hundred KB at most; a body this large is a fault or an attack.
inline constexpr std::size_t default_max_response_bytes = std::size_t{64} * 1024 * 1024;
// The most header bytes taken in for one answer (libcurl also refuses any one line over 100 KB).
inline constexpr std::size_t max_response_header_bytes = 256 * 1024;

// What a request's answer over its response budget advises by default (the request command's option).
inline constexpr std::string_view default_budget_advice = "nothing of it is printed. --max-response-mib raises the budget";

struct HttpRequest {
    Method method = Method::get;
    std::string url;
    std::vector<std::string> headers;  // "Name: value", as given by the user
    std::string body;
    std::string content_type;          // of body; empty when there is no body
    std::vector<FormPart> form;        // multipart/form-data when non-empty
    std::optional<env::ApiKey> api_key;
    std::string api_origin;            // the key goes only to URLs of this origin
    long timeout_ms = 30000;
    // A PEM file whose CAs are the only ones trusted (CURLOPT_CAINFO, no CAPATH); empty:
    // libcurl's default store. Peer and host name verification are on either way.
    std::string ca_bundle;
    std::size_t max_response_bytes = default_max_response_bytes;  // decoded body bytes; more is stage "answer"
    // What the stage "answer" message for a body over max_response_bytes advises (the command's own option).
    std::string budget_advice{default_budget_advice};
    bool capture_request_head = false;  // for -v: keep the sent headers, key redacted
    bool follows_redirect = false;      // made from a 3xx answer's Location (redirected_request)
    std::string progress_label;         // what a progress meter calls it (the file it uploads); may be empty
};

struct Timing {
    double dns_ms = 0, connect_ms = 0, tls_ms = 0, first_byte_ms = 0, total_ms = 0;
};

struct HttpResponse {
    long status = 0;
    std::string status_line;                                   // "HTTP/1.1 200 OK"
    std::vector<std::pair<std::string, std::string>> headers;  // in the order received
    std::string body;
    std::string request_head;  // the request line and headers sent, X-API-Key redacted (with capture_request_head)
    std::string effective_url;
    std::string redirect_url;  // Location resolved against the request URL, for 3xx
    Timing timing;

    // The first header of that name (case-insensitive), if any.
    std::optional<std::string> header(std::string_view name) const;
};

}  // namespace bmx::http
