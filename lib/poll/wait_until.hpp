// --wait-until: polls a GET until a jq condition holds for its answer; --fail-if, a final error,
// the deadline or Ctrl-C end it sooner.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "http/request_driver.hpp"
#include "jq/jq_filter.hpp"
#include "poll/poll_clock.hpp"
#include "poll/poll_engine.hpp"

namespace bmx::poll {

struct WaitConditions {
    jq::JqFilter until;                   // --wait-until EXPR
    std::optional<jq::JqFilter> fail_if;  // --fail-if EXPR, looked at first
};

enum class WaitEnd {
    met,              // --wait-until became true
    failed,           // --fail-if became true
    http_error,       // an answer of 400 or above that waiting will not change (404, 401)
    transport_error,  // a failure that waiting will not change (TLS)
    condition_error,  // a condition raised an error on an answer (not JSON, not the expected shape)
    timed_out,        // the deadline passed with the condition still false
    interrupted,      // Ctrl-C
};

// What one poll saw, for the status line.
struct WaitProgress {
    int polls = 0;
    milliseconds elapsed{0};
    std::optional<std::string> status;  // the answer's `.status`, when it has one
    std::string seen;                   // "HTTP 200", "HTTP 503", or a transport error's message
    bool transient = false;             // a 408, 429, 500, 502, 503, 504 or network error: polled again
    bool answered = true;               // false when the poll got no answer (a network error)
};

struct WaitOutcome {
    WaitEnd end = WaitEnd::timed_out;
    int polls = 0;
    milliseconds elapsed{0};
    std::optional<http::PerformResult> last_answer;  // the latest answer the server gave
    std::optional<std::string> last_status;          // the latest `.status` seen
    // What ended it for http_error, transport_error and condition_error; for timed_out and
    // interrupted, the latest poll's problem when it had one.
    std::optional<Error> error;
};

using WaitProgressHook = std::function<void(const WaitProgress&)>;

// Transient answers are polled again on the schedule (Retry-After honoured by the engine);
// an answer below 400 is judged by --fail-if, then by --wait-until.
WaitOutcome wait_until(const PollFetch& fetch, WaitConditions& conditions, const PollSchedule& schedule,
                       const Clock& clock, Sleeper& sleeper, const WaitProgressHook& on_poll = {});

}  // namespace bmx::poll
