// The version poll: it stops when the version arrives, and never runs past timeout plus one
// interval. The clock is injected, so nothing here sleeps.
#include <doctest/doctest.h>

#include <chrono>

#include "poll/fake_time.hpp"
#include "verify/version_check.hpp"

using namespace bmx::verify;
using namespace std::chrono_literals;
using bmx::Result;
using bmx::http::PerformResult;
using bmx::testing::FakeClock;
using bmx::testing::FakeSleeper;

namespace {

PerformResult version_answer(const std::string& version) {
    PerformResult result;
    result.response.status = 200;
    result.response.body = R"({"version":")" + version + R"(","environment":"staging"})";
    return result;
}

}  // namespace

TEST_CASE("the poll passes on the attempt where the expected version answers") {
    FakeClock clock;
    FakeSleeper sleeper(clock);
    int calls = 0;
    auto fetch = [&](std::chrono::milliseconds) -> Result<PerformResult> {
        ++calls;
        return version_answer(calls < 3 ? "3.7.3" : "3.8.0");
    };
    auto poll = poll_version(fetch, std::string("3.8.0"), 5000ms, 1000ms, clock, sleeper);
    CHECK(poll.result.status == CheckStatus::passed);
    CHECK(poll.result.attempts == 3);
    CHECK(poll.result.detail == "version 3.8.0 after 3 attempts over 2 s");
    REQUIRE(poll.last_answer.has_value());
    CHECK(poll.last_answer->environment == "staging");
}

TEST_CASE("without an expected version one answer is enough") {
    FakeClock clock;
    FakeSleeper sleeper(clock);
    auto fetch = [](std::chrono::milliseconds) -> Result<PerformResult> { return version_answer("1.2.3"); };
    auto poll = poll_version(fetch, std::nullopt, 5000ms, 10ms, clock, sleeper);
    CHECK(poll.result.status == CheckStatus::passed);
    CHECK(poll.result.attempts == 1);
    CHECK(poll.result.detail == "reachable: version 1.2.3");
    CHECK(sleeper.wake_times.empty());
}

TEST_CASE("a version that never arrives fails within timeout plus one interval, saying expected and still") {
    FakeClock clock;
    FakeSleeper sleeper(clock);
    std::vector<std::chrono::milliseconds> polled_at;
    auto fetch = [&](std::chrono::milliseconds) -> Result<PerformResult> {
        polled_at.push_back(clock.elapsed());
        return version_answer("3.7.3");
    };
    auto poll = poll_version(fetch, std::string("3.8.0"), 300ms, 100ms, clock, sleeper);
    CHECK(poll.result.status == CheckStatus::failed);
    CHECK(polled_at == std::vector<std::chrono::milliseconds>{0ms, 100ms, 200ms, 300ms});
    CHECK(clock.elapsed() == 300ms);
    CHECK(poll.result.attempts == 4);
    CHECK(poll.result.detail == "expected version 3.8.0, still 3.7.3 after 4 attempts over 0.3 s");
}

TEST_CASE("each poll gets min(interval, time left) to answer, but at least 1 s") {
    FakeClock clock;
    FakeSleeper sleeper(clock);
    std::vector<std::chrono::milliseconds> polled_at;
    std::vector<std::chrono::milliseconds> timeouts;
    auto fetch = [&](std::chrono::milliseconds timeout) -> Result<PerformResult> {
        polled_at.push_back(clock.elapsed());
        timeouts.push_back(timeout);
        return version_answer("old");
    };
    auto poll = poll_version(fetch, std::string("new"), 10000ms, 3000ms, clock, sleeper);
    CHECK(poll.result.status == CheckStatus::failed);
    // 9 s leaves 1 s; the poll at the 10 s timeout gets the 1 s minimum.
    CHECK(polled_at == std::vector<std::chrono::milliseconds>{0ms, 3000ms, 6000ms, 9000ms, 10000ms});
    CHECK(timeouts == std::vector<std::chrono::milliseconds>{3000ms, 3000ms, 3000ms, 1000ms, 1000ms});

    FakeClock short_clock;
    FakeSleeper short_sleeper(short_clock);
    timeouts.clear();
    polled_at.clear();
    auto brief = [&](std::chrono::milliseconds timeout) -> Result<PerformResult> {
        timeouts.push_back(timeout);
        return version_answer("old");
    };
    poll_version(brief, std::string("new"), 20ms, 5000ms, short_clock, short_sleeper);
    CHECK(timeouts == std::vector<std::chrono::milliseconds>{1000ms, 1000ms});  // at 0 and at the 20 ms timeout
}

TEST_CASE("a server that never answers fails with the last transport error") {
    FakeClock clock;
    FakeSleeper sleeper(clock);
    auto fetch = [](std::chrono::milliseconds) -> Result<PerformResult> {
        return bmx::make_error(bmx::Stage::connect, "could not connect: Connection refused");
    };
    auto poll = poll_version(fetch, std::string("3.8.0"), 50ms, 20ms, clock, sleeper);
    CHECK(poll.result.status == CheckStatus::failed);
    CHECK(poll.result.detail.find("expected version 3.8.0, but /health/version never answered") == 0);
    CHECK(poll.result.detail.find("Connection refused") != std::string::npos);
    CHECK_FALSE(poll.last_answer.has_value());
}

TEST_CASE("a 503 with Retry-After during a deploy delays the next version poll") {
    FakeClock clock;
    FakeSleeper sleeper(clock);
    std::vector<std::chrono::milliseconds> polled_at;
    auto fetch = [&](std::chrono::milliseconds) -> Result<PerformResult> {
        polled_at.push_back(clock.elapsed());
        if (polled_at.size() > 1) return version_answer("3.8.0");
        PerformResult unavailable;
        unavailable.response.status = 503;
        unavailable.response.headers = {{"Retry-After", "10"}};
        return unavailable;
    };
    auto poll = poll_version(fetch, std::string("3.8.0"), 60000ms, 3000ms, clock, sleeper);
    CHECK(poll.result.status == CheckStatus::passed);
    CHECK(polled_at == std::vector<std::chrono::milliseconds>{0ms, 10000ms});
}
