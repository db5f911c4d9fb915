// The polling engine with an injected clock: when polls happen, how long each may take, the
// deadline, Retry-After and Ctrl-C. Nothing here sleeps.
#include <doctest/doctest.h>

#include "poll/fake_time.hpp"
#include "poll/poll_engine.hpp"

using namespace bmx;
using namespace bmx::testing;
using namespace std::chrono_literals;
using poll::Judgement;
using poll::PollEnd;

namespace {

// Records when each poll started and the time it was given; answers from a script (the last one repeats).
struct ScriptedFetch {
    ScriptedFetch(FakeClock& fake_clock, std::vector<Result<http::PerformResult>> answers, milliseconds each_takes = {})
        : clock(fake_clock), script(std::move(answers)), takes(each_takes) {}
    FakeClock& clock;
    std::vector<Result<http::PerformResult>> script;
    milliseconds takes{0};  // how long each poll's answer takes to arrive
    std::vector<milliseconds> started;
    std::vector<milliseconds> request_times;

    poll::PollFetch fetch() {
        return [this](milliseconds request_time) -> Result<http::PerformResult> {
            started.push_back(clock.elapsed());
            request_times.push_back(request_time);
            clock.advance(takes);
            std::size_t index = std::min(started.size(), script.size()) - 1;
            return script[index];
        };
    }
};

poll::PollSchedule schedule(milliseconds interval, milliseconds timeout, milliseconds max_request_time = 30s) {
    poll::PollSchedule result;
    result.interval = interval;
    result.timeout = timeout;
    result.max_request_time = max_request_time;
    return result;
}

poll::PollJudge never_done() {
    return [](const poll::PollRun&) { return Judgement::poll_again; };
}

poll::PollJudge done_on_poll(int poll_number) {
    return [poll_number](const poll::PollRun& run) {
        return run.polls == poll_number ? Judgement::finished : Judgement::poll_again;
    };
}

using Starts = std::vector<milliseconds>;

}  // namespace

TEST_CASE("polls start one interval apart and stop when the judge is satisfied") {
    FakeClock clock;
    FakeSleeper sleeper(clock);
    ScriptedFetch fetch{clock, {job_answer("running")}};
    auto run = poll::run_poll(fetch.fetch(), done_on_poll(3), schedule(5s, 600s), clock, sleeper);
    CHECK(run.end == PollEnd::finished);
    CHECK(run.polls == 3);
    CHECK(fetch.started == Starts{0s, 5s, 10s});
    CHECK(run.elapsed == 10s);
    REQUIRE(run.last.has_value());
    CHECK((*run.last)->response.status == 200);
}

TEST_CASE("the deadline: the last poll is moved to the deadline when the schedule would pass it, then the run times out") {
    FakeClock clock;
    FakeSleeper sleeper(clock);
    ScriptedFetch fetch{clock, {job_answer("running")}};
    auto run = poll::run_poll(fetch.fetch(), never_done(), schedule(5s, 12s), clock, sleeper);
    CHECK(run.end == PollEnd::timed_out);
    CHECK(fetch.started == Starts{0s, 5s, 10s, 12s});
    CHECK(run.polls == 4);
    CHECK(run.elapsed == 12s);
    for (milliseconds wake : sleeper.wake_times) CHECK(wake <= 12s);  // never sleeps past the deadline
}

TEST_CASE("a schedule that reaches the deadline exactly polls at it once, and a zero timeout polls once") {
    FakeClock clock;
    FakeSleeper sleeper(clock);
    ScriptedFetch fetch{clock, {job_answer("running")}};
    auto run = poll::run_poll(fetch.fetch(), never_done(), schedule(5s, 10s), clock, sleeper);
    CHECK(fetch.started == Starts{0s, 5s, 10s});
    CHECK(run.end == PollEnd::timed_out);

    FakeClock clock_zero;
    FakeSleeper sleeper_zero(clock_zero);
    ScriptedFetch fetch_zero{clock_zero, {job_answer("running")}};
    auto once = poll::run_poll(fetch_zero.fetch(), never_done(), schedule(5s, 0s), clock_zero, sleeper_zero);
    CHECK(once.polls == 1);
    CHECK(once.end == PollEnd::timed_out);
    CHECK(sleeper_zero.wake_times.empty());
}

TEST_CASE("a slow answer does not stretch the schedule: the next poll is due one interval after the last one started") {
    FakeClock clock;
    FakeSleeper sleeper(clock);
    ScriptedFetch fetch{clock, {job_answer("running")}, 2s};
    poll::run_poll(fetch.fetch(), done_on_poll(3), schedule(5s, 600s), clock, sleeper);
    CHECK(fetch.started == Starts{0s, 5s, 10s});

    // Slower than the interval: the next poll starts at once, never two at a time.
    FakeClock slow_clock;
    FakeSleeper slow_sleeper(slow_clock);
    ScriptedFetch slow{slow_clock, {job_answer("running")}, 7s};
    poll::run_poll(slow.fetch(), done_on_poll(3), schedule(5s, 600s), slow_clock, slow_sleeper);
    CHECK(slow.started == Starts{0s, 7s, 14s});
}

TEST_CASE("each poll may take the time left before the deadline, at least 1 s and at most max_request_time") {
    FakeClock clock;
    FakeSleeper sleeper(clock);
    ScriptedFetch fetch{clock, {job_answer("running")}};
    poll::run_poll(fetch.fetch(), never_done(), schedule(40s, 100s, 30s), clock, sleeper);
    CHECK(fetch.started == Starts{0s, 40s, 80s, 100s});
    CHECK(fetch.request_times == Starts{30s, 30s, 20s, 1s});
}

TEST_CASE("a run ends within the deadline plus 1 s: the poll at the deadline still has 1 s to answer") {
    FakeClock clock;
    FakeSleeper sleeper(clock);
    ScriptedFetch fetch{clock, {Result<http::PerformResult>(make_error(bmx::Stage::timeout, "no complete answer"))}};
    // A server that never answers: each poll uses all the time it is given, up to 1 s here.
    auto unanswered = [&fetch](milliseconds request_time) {
        auto outcome = fetch.fetch()(request_time);
        fetch.clock.advance(std::min(request_time, milliseconds(1s)));
        return outcome;
    };
    auto run = poll::run_poll(unanswered, never_done(), schedule(6s, 12s), clock, sleeper);
    CHECK(run.end == PollEnd::timed_out);
    CHECK(fetch.started == Starts{0s, 6s, 12s});
    CHECK(fetch.request_times.back() == 1s);
    CHECK(run.elapsed == 13s);
}

TEST_CASE("Retry-After in seconds delays the next poll beyond the interval, and a shorter one does not hurry it") {
    FakeClock clock;
    FakeSleeper sleeper(clock);
    ScriptedFetch fetch{clock, {answer(503, R"({"detail":"busy"})", {{"Retry-After", "12"}}), answer(429, "{}", {{"retry-after", "1"}}),
                                job_answer("running")}};
    poll::run_poll(fetch.fetch(), done_on_poll(4), schedule(5s, 600s), clock, sleeper);
    CHECK(fetch.started == Starts{0s, 12s, 17s, 22s});
}

TEST_CASE("Retry-After never moves a poll past the deadline, and is capped at 60 s") {
    FakeClock clock;
    FakeSleeper sleeper(clock);
    ScriptedFetch fetch{clock, {job_answer("running"), answer(503, "{}", {{"Retry-After", "30"}})}};
    auto run = poll::run_poll(fetch.fetch(), never_done(), schedule(10s, 20s), clock, sleeper);
    CHECK(fetch.started == Starts{0s, 10s, 20s});  // 10 s + 30 s would pass the deadline: polled at 20 s
    CHECK(run.end == PollEnd::timed_out);

    FakeClock long_clock;
    FakeSleeper long_sleeper(long_clock);
    ScriptedFetch capped{long_clock, {answer(429, "{}", {{"Retry-After", "3600"}}), job_answer("running")}};
    poll::run_poll(capped.fetch(), done_on_poll(2), schedule(5s, 600s), long_clock, long_sleeper);
    CHECK(capped.started == Starts{0s, 60s});
}

TEST_CASE("Retry-After as an HTTP date: a past date adds nothing, a far one is capped at 60 s") {
    FakeClock clock;
    FakeSleeper sleeper(clock);
    ScriptedFetch fetch{clock,
                        {answer(503, "{}", {{"Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"}}),
                         answer(503, "{}", {{"Retry-After", "Fri, 01 Jan 2100 00:00:00 GMT"}}), job_answer("running")}};
    poll::run_poll(fetch.fetch(), done_on_poll(3), schedule(5s, 600s), clock, sleeper);
    CHECK(fetch.started == Starts{0s, 5s, 65s});
}

TEST_CASE("a transport error is polled again one interval later") {
    FakeClock clock;
    FakeSleeper sleeper(clock);
    ScriptedFetch fetch{clock, {Result<http::PerformResult>(make_error(bmx::Stage::connect, "Connection refused")), job_answer("done")}};
    auto run = poll::run_poll(fetch.fetch(), done_on_poll(2), schedule(3s, 600s), clock, sleeper);
    CHECK(fetch.started == Starts{0s, 3s});
    CHECK(run.end == PollEnd::finished);
}

TEST_CASE("Ctrl-C during a sleep ends the run at once, without another poll") {
    FakeClock clock;
    FakeSleeper sleeper(clock);
    sleeper.interrupt_during_sleep(2);
    ScriptedFetch fetch{clock, {job_answer("pending"), job_answer("running")}};
    auto run = poll::run_poll(fetch.fetch(), never_done(), schedule(10s, 600s), clock, sleeper);
    CHECK(run.end == PollEnd::interrupted);
    CHECK(run.polls == 2);
    CHECK(run.elapsed == 15s);  // halfway through the second sleep
    REQUIRE(run.last.has_value());
    CHECK((*run.last)->response.body.find("running") != std::string::npos);
}

TEST_CASE("Ctrl-C during a poll ends the run without judging that poll's outcome") {
    FakeClock clock;
    FakeSleeper sleeper(clock);
    ScriptedFetch scripted{clock, {job_answer("running")}};
    auto fetch = [&](milliseconds request_time) {
        auto outcome = scripted.fetch()(request_time);
        if (scripted.started.size() == 2) sleeper.interrupt();
        return outcome;
    };
    int judged = 0;
    auto judge = [&judged](const poll::PollRun&) {
        ++judged;
        return Judgement::poll_again;
    };
    auto run = poll::run_poll(fetch, judge, schedule(5s, 600s), clock, sleeper);
    CHECK(run.end == PollEnd::interrupted);
    CHECK(run.polls == 2);
    CHECK(judged == 1);
}

TEST_CASE("seconds_text rounds to a tenth and drops a trailing .0") {
    CHECK(poll::seconds_text(60000ms) == "60 s");
    CHECK(poll::seconds_text(2500ms) == "2.5 s");
    CHECK(poll::seconds_text(2449ms) == "2.4 s");
    CHECK(poll::seconds_text(0ms) == "0 s");
}
