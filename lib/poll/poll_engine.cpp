// One poll loop with its deadline arithmetic: when the next poll is due, and how long each may take.
#include "poll/poll_engine.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "http/retry_policy.hpp"

namespace bmx::poll {
namespace {

milliseconds since(TimePoint start, TimePoint now) { return std::chrono::duration_cast<milliseconds>(now - start); }

// The time left before the deadline, within [1 s, max_request_time].
milliseconds request_time(const PollSchedule& schedule, TimePoint now, TimePoint deadline) {
    auto left = std::chrono::duration_cast<milliseconds>(deadline - now);
    return std::max(min_request_time, std::min(left, schedule.max_request_time));
}

// One interval after the poll started, or later when the answer said Retry-After; never after the deadline.
TimePoint next_poll_time(const PollRun& run, milliseconds interval, TimePoint poll_start, TimePoint now,
                         TimePoint deadline) {
    TimePoint next = poll_start + interval;
    if (run.last && run.last->ok()) {
        if (auto wait = http::retry_after((*run.last)->response, max_retry_after)) next = std::max(next, now + *wait);
    }
    return std::min(next, deadline);
}

PollRun ended(PollRun run, PollEnd end, TimePoint start, const Clock& clock) {
    run.end = end;
    run.elapsed = since(start, clock.now());
    return run;
}

}  // namespace

PollRun run_poll(const PollFetch& fetch, const PollJudge& judge, const PollSchedule& schedule, const Clock& clock,
                 Sleeper& sleeper) {
    const TimePoint start = clock.now();
    const TimePoint deadline = start + std::max(schedule.timeout, milliseconds(0));
    const milliseconds interval = std::max(schedule.interval, milliseconds(1));
    PollRun run;
    while (true) {
        if (sleeper.interrupted()) return ended(std::move(run), PollEnd::interrupted, start, clock);
        const TimePoint poll_start = clock.now();
        run.last.emplace(fetch(request_time(schedule, poll_start, deadline)));
        ++run.polls;
        run.elapsed = since(start, clock.now());
        if (sleeper.interrupted()) return ended(std::move(run), PollEnd::interrupted, start, clock);
        if (judge(run) == Judgement::finished) return ended(std::move(run), PollEnd::finished, start, clock);
        const TimePoint now = clock.now();
        if (now >= deadline) return ended(std::move(run), PollEnd::timed_out, start, clock);
        sleeper.sleep_until(next_poll_time(run, interval, poll_start, now, deadline));
    }
}

std::string seconds_text(milliseconds duration) {
    double seconds = std::round(static_cast<double>(duration.count()) / 100.0) / 10.0;
    return fmt::format("{:g} s", seconds);
}

}  // namespace bmx::poll
