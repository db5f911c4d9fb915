// TransportOptions: how every request travels, whichever command makes it.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "http/retry_policy.hpp"

namespace bmx::http {

struct TransportOptions {
    std::chrono::milliseconds timeout{30000};  // each attempt, start to finish
    std::vector<std::string> headers;          // extra "Name: value" lines, checked before use
    RetryPolicy retry;                         // when a failed attempt is tried again
};

}  // namespace bmx::http
