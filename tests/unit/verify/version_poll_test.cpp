// The version poll: it stops when the version arrives, and never runs past timeout plus one interval.
#include <doctest/doctest.h>

#include <chrono>

#include "verify/version_check.hpp"

using namespace bmx::verify;
using namespace std::chrono_literals;
using bmx::Result;
using bmx::http::PerformResult;

namespace {

PerformResult version_answer(const std::string& version) {
    PerformResult result;
    result.response.status = 200;
    result.response.body = R"({"version":")" + version + R"(","environment":"staging"})";
    return result;
}

}  // namespace

TEST_CASE("the poll passes on the attempt where the expected version answers") {
    int calls = 0;
    auto fetch = [&](std::chrono::milliseconds) -> Result<PerformResult> {
        ++calls;
        return version_answer(calls < 3 ? "3.7.3" : "3.8.0");
    };
    auto poll = poll_version(fetch, std::string("3.8.0"), 5000ms, 10ms);
    CHECK(poll.result.status == CheckStatus::passed);
    CHECK(poll.result.attempts == 3);
    CHECK(poll.result.detail.find("version 3.8.0 after 3 attempts") == 0);
    REQUIRE(poll.last_answer.has_value());
    CHECK(poll.last_answer->environment == "staging");
}

TEST_CASE("without an expected version one answer is enough") {
    auto fetch = [](std::chrono::milliseconds) -> Result<PerformResult> { return version_answer("1.2.3"); };
    auto poll = poll_version(fetch, std::nullopt, 5000ms, 10ms);
    CHECK(poll.result.status == CheckStatus::passed);
    CHECK(poll.result.attempts == 1);
    CHECK(poll.result.detail == "reachable: version 1.2.3");
}

TEST_CASE("a version that never arrives fails within timeout plus one interval, saying expected and still") {
    int calls = 0;
    auto fetch = [&](std::chrono::milliseconds) -> Result<PerformResult> {
        ++calls;
        return version_answer("3.7.3");
    };
    auto start = std::chrono::steady_clock::now();
    auto poll = poll_version(fetch, std::string("3.8.0"), 300ms, 100ms);
    auto took = std::chrono::steady_clock::now() - start;
    CHECK(took < 400ms + 300ms);  // timeout + interval, and a margin for a loaded machine
    CHECK(poll.result.status == CheckStatus::failed);
    // At 0, 100, 200 and 300 ms (3 when a stalled machine reaches the deadline late).
    CHECK(calls >= 3);
    CHECK(calls <= 4);
    CHECK(poll.result.attempts == calls);
    CHECK(poll.result.detail.find("expected version 3.8.0, still 3.7.3 after " + std::to_string(calls) + " attempts over") == 0);
}

TEST_CASE("each poll gets min(interval, time left) to answer, but at least 1 s") {
    std::vector<std::chrono::milliseconds> timeouts;
    auto fetch = [&](std::chrono::milliseconds timeout) -> Result<PerformResult> {
        timeouts.push_back(timeout);
        return version_answer("old");
    };
    auto poll = poll_version(fetch, std::string("new"), 20ms, 5000ms);
    REQUIRE(timeouts.size() == 1);
    CHECK(timeouts[0] == 1000ms);
    CHECK(poll.result.status == CheckStatus::failed);
}

TEST_CASE("a server that never answers fails with the last transport error") {
    auto fetch = [](std::chrono::milliseconds) -> Result<PerformResult> {
        return bmx::make_error(bmx::Stage::connect, "could not connect: Connection refused");
    };
    auto poll = poll_version(fetch, std::string("3.8.0"), 50ms, 20ms);
    CHECK(poll.result.status == CheckStatus::failed);
    CHECK(poll.result.detail.find("expected version 3.8.0, but /health/version never answered") == 0);
    CHECK(poll.result.detail.find("Connection refused") != std::string::npos);
    CHECK_FALSE(poll.last_answer.has_value());
}
