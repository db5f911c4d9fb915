// TransportOptions: how every request travels, whichever command makes it.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "http/http_types.hpp"
#include "http/retry_policy.hpp"

namespace bmx::http {

struct TransportOptions {
    std::chrono::milliseconds timeout{30000};  // each attempt, start to finish
    std::vector<std::string> headers;          // extra "Name: value" lines, checked before use
    RetryPolicy retry;                         // when a failed attempt is tried again
    std::size_t max_response_bytes = default_max_response_bytes;  // each answer's body, decoded
};

}  // namespace bmx::http
