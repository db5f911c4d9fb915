// The one driver of a request's protocol, for every caller: redirects hop by hop (the key and -H
// headers stay on the API's origin, an upload is never turned into a GET), retries with backoff
// and Retry-After, and cancellation that also cuts a backoff short. Plain requests, --paginate,
// verify, polling and uploads all go through drive(), on a TransferLoop, or through perform().
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "core/cancel_token.hpp"
#include "core/result.hpp"
#include "http/http_types.hpp"
#include "http/retry_policy.hpp"
#include "http/transfer_loop.hpp"

namespace bmx::http {

// The most redirect hops one attempt follows, as curl's --max-redirs would.
inline constexpr int default_max_redirects = 10;

struct PerformOptions {
    RetryPolicy retry;
    int max_redirects = default_max_redirects;
    // Called before each retry with the attempt about to start, why, and the delay; may print a note.
    std::function<void(int attempt, const std::string& reason, std::chrono::milliseconds delay)> on_retry;
    // Once cancelled, no attempt starts and a backoff in progress ends at once (stage "cancelled").
    // perform() also aborts the transfer in flight; on a caller's own loop that is the caller's call
    // (TransferLoop::abort_all), because a batch lets uploads in flight finish.
    CancelToken cancel;
    // Every answer, each attempt's and each redirect hop's (for -v and -i).
    std::function<void(const HttpResponse&)> on_answer;
    // As each attempt's first request goes out (not when it is queued), for attempt counts.
    std::function<void()> on_attempt;
};

struct PerformResult {
    HttpResponse response;
    int attempts = 1;
};

// How a driven request ended: the last answer or the error, and what it took.
struct Driven {
    Result<HttpResponse> outcome;
    int attempts = 0;  // attempts started (redirect hops are part of an attempt)
    int requests = 0;  // requests put on the wire, hops included
};

// Loop thread only. Drives the request to its end and calls done once, on the loop thread.
void drive(TransferLoop& loop, HttpRequest request, PerformOptions options, std::function<void(Driven)> done);

// Blocking, on a loop of its own: for single commands.
Result<PerformResult> perform(const HttpRequest& request, const PerformOptions& options);

// The request to make for a 3xx answer, or nullopt when it is not a redirect to follow. The API
// key stays in the request but Transfer attaches it only on the API origin.
std::optional<HttpRequest> redirected_request(const HttpRequest& request, const HttpResponse& response);

}  // namespace bmx::http
