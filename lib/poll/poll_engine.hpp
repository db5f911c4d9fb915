// The polling engine: one loop that polls, asks the caller what each answer means, and sleeps
// to the next poll without passing the deadline. verify's version poll and --wait-until use it.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "core/result.hpp"
#include "http/request_driver.hpp"
#include "poll/poll_clock.hpp"

namespace bmx::poll {

using std::chrono::milliseconds;

// No poll gets less than this to answer, even when the deadline is nearly up.
inline constexpr milliseconds min_request_time{1000};
// A Retry-After header delays the next poll by at most this, and never past the deadline.
inline constexpr milliseconds max_retry_after{60000};

struct PollSchedule {
    milliseconds interval{5000};           // from the start of one poll to the start of the next
    milliseconds timeout{600000};          // the deadline, counted from the start of the first poll
    milliseconds max_request_time{30000};  // a poll may take the time left before the deadline, within [1 s, this]
};

enum class Judgement { finished, poll_again };

enum class PollEnd { finished, timed_out, interrupted };

struct PollRun {
    PollEnd end = PollEnd::timed_out;
    int polls = 0;
    milliseconds elapsed{0};                          // from the start of the first poll
    std::optional<Result<http::PerformResult>> last;  // the latest poll's outcome
};

// One poll; the request may take at most `request_time` to answer.
using PollFetch = std::function<Result<http::PerformResult>(milliseconds request_time)>;
// What the latest outcome (run.last) means; it also sees the polls made and the time so far.
using PollJudge = std::function<Judgement(const PollRun& run)>;

// Polls until the judge says finished, the deadline passes or the sleeper is interrupted.
// Polls start `interval` apart; a Retry-After on an answer delays the next one (up to 60 s).
// The last poll starts at the deadline at the latest: when the next one would come later, it
// is moved to the deadline, so the wait uses all its time. Each poll gets the time left before
// the deadline to answer (at least 1 s, at most max_request_time), so a run ends within the
// deadline plus 1 s, plus a fetch's own overshoot. A Ctrl-C during a poll ends the run without
// judging that poll's outcome.
PollRun run_poll(const PollFetch& fetch, const PollJudge& judge, const PollSchedule& schedule, const Clock& clock,
                 Sleeper& sleeper);

// "60 s", "2.5 s": seconds to one decimal, for messages.
std::string seconds_text(milliseconds duration);

}  // namespace bmx::poll
