// The transfer loop's cancel tokens: a request that waits or is scheduled ends cancelled within a
// tick of its token being cancelled, and never goes on the wire.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <optional>
#include <string>

#include "http/transfer_loop.hpp"

namespace transfer_loop_cancel_test {

using bmx::CancelToken;
using bmx::Result;
using bmx::Stage;
using bmx::http::HttpRequest;
using bmx::http::HttpResponse;
using bmx::http::TransferLoop;
using Clock = std::chrono::steady_clock;

// Port 1 on loopback: nothing listens there, so a request that did go out would end with a
// connect error, not cancelled.
HttpRequest nowhere_request() {
    HttpRequest request;
    request.url = "http://127.0.0.1:1/never";
    request.timeout_ms = 2000;
    return request;
}

constexpr auto tick = std::chrono::milliseconds(50);

TEST_CASE("a request scheduled for later ends cancelled within a tick of its token being cancelled, unsent") {
    TransferLoop loop(2);
    std::atomic<bool> stop{false};
    std::optional<Result<HttpResponse>> ended;
    Clock::time_point ended_at;
    int launched = 0;
    loop.start_after(
        std::chrono::seconds(30), nowhere_request(),
        [&](Result<HttpResponse> result) {
            ended = std::move(result);
            ended_at = Clock::now();
        },
        [&launched] { ++launched; }, CancelToken(stop));
    CHECK(loop.waiting() == 1);

    int ticks = 0;
    Clock::time_point cancelled_at;
    auto deadline = Clock::now() + std::chrono::seconds(5);
    loop.run([] { return false; },
             [&] {
                 if (++ticks == 2) {
                     stop.store(true);
                     cancelled_at = Clock::now();
                 }
                 // Bounded: a token the loop ignored would otherwise keep it for 30 s.
                 if (Clock::now() > deadline && loop.waiting() > 0) loop.abort_all("the test's deadline");
             },
             tick);

    REQUIRE(ended.has_value());
    REQUIRE_FALSE(ended->ok());
    CHECK(ended->error().stage == Stage::cancelled);
    CHECK(ended->error().message == "cancelled before it was sent");
    CHECK(ended_at - cancelled_at < tick * 4);
    CHECK(launched == 0);
    CHECK(loop.bytes_confirmed_total() == 0);
    CHECK(loop.waiting() == 0);
    CHECK(loop.in_flight() == 0);
}

TEST_CASE("a request whose token is already cancelled when it is started ends cancelled and is never launched") {
    TransferLoop loop(1);
    std::atomic<bool> stop{true};
    std::optional<Result<HttpResponse>> ended;
    int launched = 0;
    loop.start(
        nowhere_request(), [&ended](Result<HttpResponse> result) { ended = std::move(result); },
        [&launched] { ++launched; }, CancelToken(stop));
    loop.run([] { return false; }, {}, tick);
    REQUIRE(ended.has_value());
    REQUIRE_FALSE(ended->ok());
    CHECK(ended->error().stage == Stage::cancelled);
    CHECK(launched == 0);
}

TEST_CASE("an interrupt count above zero cancels a scheduled request like a flag does") {
    TransferLoop loop(1);
    std::atomic<int> interrupts{0};
    std::atomic<bool> batch_stop{false};
    std::optional<Result<HttpResponse>> ended;
    loop.start_after(
        std::chrono::seconds(30), nowhere_request(), [&ended](Result<HttpResponse> result) { ended = std::move(result); },
        {}, CancelToken(interrupts).or_when(batch_stop));
    auto deadline = Clock::now() + std::chrono::seconds(5);
    loop.run([] { return false; },
             [&] {
                 interrupts.store(1);
                 if (Clock::now() > deadline && loop.waiting() > 0) loop.abort_all("the test's deadline");
             },
             tick);
    REQUIRE(ended.has_value());
    REQUIRE_FALSE(ended->ok());
    CHECK(ended->error().message == "cancelled before it was sent");
}

TEST_CASE("a scheduled request whose token is not cancelled is not ended by another's token") {
    TransferLoop loop(1);
    std::atomic<bool> stop_first{false};
    std::atomic<bool> stop_second{false};
    std::optional<Result<HttpResponse>> first;
    std::optional<Result<HttpResponse>> second;
    loop.start_after(
        std::chrono::seconds(30), nowhere_request(), [&first](Result<HttpResponse> result) { first = std::move(result); },
        {}, CancelToken(stop_first));
    loop.start_after(
        std::chrono::seconds(30), nowhere_request(), [&second](Result<HttpResponse> result) { second = std::move(result); },
        {}, CancelToken(stop_second));
    auto deadline = Clock::now() + std::chrono::seconds(5);
    std::size_t waiting_after_first = 0;
    loop.run([] { return false; },
             [&] {
                 if (!stop_first.load()) {
                     stop_first.store(true);
                     return;
                 }
                 if (first && !stop_second.load()) {
                     waiting_after_first = loop.waiting();
                     stop_second.store(true);
                 }
                 if (Clock::now() > deadline && loop.waiting() > 0) loop.abort_all("the test's deadline");
             },
             tick);
    REQUIRE(first.has_value());
    REQUIRE(second.has_value());
    CHECK(waiting_after_first == 1);
    CHECK(second->error().message == "cancelled before it was sent");
}

}  // namespace transfer_loop_cancel_test
