// The progress line's rate and ETA, driven by a clock the test holds: no sleeps.
#include <doctest/doctest.h>

#include <optional>

#include "status/transfer_rate.hpp"

using bmx::status::RateReading;
using bmx::status::TransferRate;

// A named namespace: in a unity build this file shares a translation unit with others (the poll
// tests have a FakeClock of their own).
namespace transfer_rate_test {

constexpr long long mib = 1024 * 1024;

// A clock the test moves by hand, in seconds since the batch began.
struct FakeClock {
    double now = 0;
    TransferRate::Seconds at() const { return TransferRate::Seconds(now); }
};

TEST_CASE("the rate is what the last 5 seconds confirmed, not the average since the start") {
    FakeClock clock;
    TransferRate rate;
    // 10 s at 1 MiB/s, then 10 s at 4 MiB/s, read every 100 ms.
    long long confirmed = 0;
    RateReading reading;
    for (int tick = 0; tick <= 200; ++tick) {
        clock.now = tick * 0.1;
        reading = rate.read(clock.at(), confirmed, std::nullopt);
        confirmed += tick < 100 ? mib / 10 : 4 * mib / 10;
    }
    REQUIRE(reading.bytes_per_second);
    CHECK(*reading.bytes_per_second == doctest::Approx(4.0 * mib).epsilon(0.03));  // the average would be 2.5
    CHECK_FALSE(reading.eta_seconds);  // nothing known to be left: no ETA
}

TEST_CASE("no rate before bytes have flowed for a second, and idle time before the first byte does not count") {
    FakeClock clock;
    TransferRate rate;
    // 3 s of reading files: nothing confirmed.
    for (int tick = 0; tick <= 30; ++tick) {
        clock.now = tick * 0.1;
        RateReading idle = rate.read(clock.at(), 0, 10 * mib);
        CHECK_FALSE(idle.bytes_per_second);
        CHECK_FALSE(idle.eta_seconds);
    }
    // Then 2 MiB/s: half a second in, still no rate; after a second, 2 MiB/s and not less.
    long long confirmed = 0;
    for (int tick = 1; tick <= 5; ++tick) {
        confirmed += 2 * mib / 10;
        clock.now = 3 + tick * 0.1;
        CHECK_FALSE(rate.read(clock.at(), confirmed, 10 * mib - confirmed).bytes_per_second);
    }
    RateReading reading;
    for (int tick = 6; tick <= 12; ++tick) {
        confirmed += 2 * mib / 10;
        clock.now = 3 + tick * 0.1;
        reading = rate.read(clock.at(), confirmed, 10 * mib - confirmed);
    }
    REQUIRE(reading.bytes_per_second);
    CHECK(*reading.bytes_per_second == doctest::Approx(2.0 * mib).epsilon(0.01));
    REQUIRE(reading.eta_seconds);
    // 10 - 2.4 MiB left at 2 MiB/s.
    CHECK(*reading.eta_seconds == doctest::Approx(3.8).epsilon(0.01));
}

TEST_CASE("lumpy completions at a steady pace: the ETA counts down by the clock and never grows") {
    FakeClock clock;
    TransferRate rate;
    // 15 files of 2 MiB, one answered every 1.3 s (plus or minus 0.2 s), read every 100 ms.
    const long long planned = 15 * 2 * mib;
    long long confirmed = 0;
    double next_answer = 1.3;
    int answered = 0;
    const double jitter[] = {0.2, -0.2, 0.1, 0.0, -0.1, 0.2, -0.2, 0.15, -0.15, 0.0, 0.1, -0.1, 0.2, -0.2, 0.0};
    std::optional<double> previous;
    int etas = 0;
    for (int tick = 0; answered < 15; ++tick) {
        clock.now = tick * 0.1;
        if (clock.now >= next_answer) {
            confirmed += 2 * mib;
            next_answer += 1.3 + jitter[answered];
            ++answered;
        }
        RateReading reading = rate.read(clock.at(), confirmed, planned - confirmed);
        if (!reading.eta_seconds) continue;
        ++etas;
        CAPTURE(clock.now);
        if (previous) CHECK(*reading.eta_seconds <= *previous + 1e-9);
        previous = reading.eta_seconds;
    }
    CHECK(etas > 100);  // the ETA was there for most of the batch
}

TEST_CASE("a link that really slows down makes the ETA grow, and one that stalls shows 0 bytes a second and no ETA") {
    FakeClock clock;
    TransferRate rate;
    const long long planned = 100 * mib;
    long long confirmed = 0;
    RateReading reading;
    for (int tick = 0; tick <= 100; ++tick) {  // 10 s at 2 MiB/s
        clock.now = tick * 0.1;
        reading = rate.read(clock.at(), confirmed, planned - confirmed);
        confirmed += 2 * mib / 10;
    }
    REQUIRE(reading.eta_seconds);
    double fast_eta = *reading.eta_seconds;  // about 40 s
    for (int tick = 101; tick <= 200; ++tick) {  // then 10 s at a quarter of that
        clock.now = tick * 0.1;
        reading = rate.read(clock.at(), confirmed, planned - confirmed);
        confirmed += mib / 20;
    }
    REQUIRE(reading.eta_seconds);
    CHECK(*reading.eta_seconds > fast_eta * 2);
    CHECK(*reading.bytes_per_second == doctest::Approx(0.5 * mib).epsilon(0.03));

    // Nothing confirmed for more than the window: stalled.
    for (int tick = 201; tick <= 270; ++tick) {
        clock.now = tick * 0.1;
        reading = rate.read(clock.at(), confirmed, planned - confirmed);
    }
    REQUIRE(reading.bytes_per_second);
    CHECK(*reading.bytes_per_second == 0);
    CHECK_FALSE(reading.eta_seconds);
}

TEST_CASE("a figure that goes down is taken as the last one, and a finish reads an ETA of 0") {
    FakeClock clock;
    TransferRate rate;
    long long confirmed = 0;
    RateReading reading;
    for (int tick = 0; tick <= 20; ++tick) {
        clock.now = tick * 0.1;
        confirmed += mib / 10;
        reading = rate.read(clock.at(), confirmed, 4 * mib - confirmed);
    }
    REQUIRE(reading.bytes_per_second);
    double before = *reading.bytes_per_second;
    clock.now += 0.1;
    reading = rate.read(clock.at(), confirmed - mib, 4 * mib - confirmed);
    REQUIRE(reading.bytes_per_second);
    CHECK(*reading.bytes_per_second == doctest::Approx(before));
    clock.now += 0.1;
    reading = rate.read(clock.at(), 4 * mib, 0);
    REQUIRE(reading.eta_seconds);
    CHECK(*reading.eta_seconds == 0);
}

}  // namespace transfer_rate_test
