// RequestOptions: what the user asked for on the command line, before it becomes an HTTP request.
#pragma once

#include <optional>
#include <string>

#include "http/transport_options.hpp"

namespace bmx::request {

struct RequestOptions {
    std::string method;                    // any case
    std::string path;                      // relative to the environment's base URL
    std::optional<std::string> body;       // JSON text, "@FILE" or "@-"
    std::optional<std::string> text_file;  // --text-file FILE or "-" for stdin
    http::TransportOptions transport;      // timeout and -H headers; perform applies the retry policy
    bool capture_request_head = false;     // -v
};

}  // namespace bmx::request
