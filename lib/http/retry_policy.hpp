// When a failed attempt is worth another try, and how long to wait before it.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <optional>
#include <random>

#include "core/result.hpp"
#include "http/http_types.hpp"

namespace bmx::http {

struct RetryPolicy {
    int max_retries = 0;                            // attempts = 1 + max_retries at most
    std::chrono::milliseconds base_delay{1000};     // doubled each retry, with jitter
    std::chrono::milliseconds max_delay{30000};
    bool retry_non_idempotent = false;              // --retry-all: POST and PATCH too
};

// 408, 429, 500, 502, 503, 504: the answers that say "try again later".
bool is_retryable_status(long status);

// Network failures worth retrying (refused, reset, timeout, name lookup); TLS failures are not.
bool is_retryable_error(const Error& error);

bool is_idempotent(Method method);

// Retry-After in seconds or as an HTTP date, capped at max_delay.
std::optional<std::chrono::milliseconds> retry_after(const HttpResponse& response, std::chrono::milliseconds max_delay);

// Exponential backoff with full jitter for retry number `retry` (1-based), unless the server said when.
std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int retry,
                                        std::optional<std::chrono::milliseconds> server_said, std::mt19937& random);

struct RetryDecision {
    bool retry = false;
    std::chrono::milliseconds delay{0};
    std::string reason;  // "HTTP 503" or the transport error's message
};

// The one place that decides whether an attempt's outcome is retried and after how long:
// attempts_made so far, the method's idempotency, the status or error, and Retry-After.
RetryDecision decide_retry(const RetryPolicy& policy, Method method, int attempts_made,
                           const Result<HttpResponse>& outcome, std::mt19937& random);

}  // namespace bmx::http
