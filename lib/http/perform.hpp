// perform: one request, start to finish, following redirects and retrying as the policy says.
#pragma once

#include <atomic>

#include "core/result.hpp"
#include "http/http_types.hpp"
#include "http/retry_policy.hpp"

namespace bmx::http {

struct PerformOptions {
    RetryPolicy retry;
    int max_redirects = 10;
    // Called before each retry with the attempt about to start and why; may print a note.
    std::function<void(int attempt, const std::string& reason, std::chrono::milliseconds delay)> on_retry;
    // When set, a transfer in flight is aborted within about a second of it becoming true
    // (stage "cancelled"): how Ctrl-C ends a --wait-until poll that is waiting for its answer.
    const std::atomic<bool>* cancel = nullptr;
};

struct PerformResult {
    HttpResponse response;
    int attempts = 1;
};

// Blocking; for single commands. The upload pipeline and --paginate use their own multi loop.
Result<PerformResult> perform(const HttpRequest& request, const PerformOptions& options);

// The request to make for a 3xx answer, or nullopt when it is not a redirect to follow.
// The API key stays in the request but Transfer attaches it only on the API origin.
std::optional<HttpRequest> redirected_request(const HttpRequest& request, const HttpResponse& response);

}  // namespace bmx::http
