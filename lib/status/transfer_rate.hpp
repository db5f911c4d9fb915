// The progress line's rate and ETA: a moving window over samples of confirmed bytes.
#pragma once

#include <chrono>
#include <deque>
#include <optional>

namespace bmx::status {

struct RateReading {
    std::optional<double> bytes_per_second;  // none until bytes have flowed for a second
    std::optional<double> eta_seconds;       // none without a rate, or when what is left is not known
};

// Fed once a tick with the bytes the server has confirmed so far and a time from the caller's
// clock (any steady one: the tests pass their own), it answers with the rate over the last
// `window` of confirmations and the time left at that rate.
//
// Confirmations come in lumps (a transfer's bytes count when its answer arrives, or as the
// server's TCP acknowledges them), so the window ends at the last sample that brought bytes, not
// at now: between lumps the rate holds and the ETA counts down by the clock instead of growing.
// Only when nothing has been confirmed for a whole window is the link taken as stalled: the rate
// is then 0, the ETA unknown, and the window starts again when bytes flow. While bytes flow the
// ETA may rise only when the estimate is well above the countdown (a slower link, not jitter).
class TransferRate {
public:
    using Seconds = std::chrono::duration<double>;

    explicit TransferRate(Seconds window = Seconds(5), Seconds min_span = Seconds(1));

    // `confirmed` only grows (a smaller figure is taken as the last one); `remaining` is the
    // bytes still to send, when the whole plan is known.
    RateReading read(Seconds at, long long confirmed, std::optional<long long> remaining);

private:
    struct Sample {
        Seconds at;
        long long bytes = 0;
    };

    std::optional<double> rate_over_window() const;
    std::optional<double> steady_eta(Seconds at, double raw);

    Seconds window_;
    Seconds min_span_;
    // The samples that brought bytes, within a window of the last one plus one before it.
    std::deque<Sample> samples_;
    bool flowing_ = false;      // bytes came within the last window
    bool ever_flowed_ = false;  // a stall then reads as 0 bytes a second, not as no rate yet
    std::optional<double> shown_eta_;
    Seconds shown_at_{0};
};

}  // namespace bmx::status
