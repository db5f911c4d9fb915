// The moving-window rate and the steady ETA of the progress line.
#include "status/transfer_rate.hpp"

#include <algorithm>

namespace bmx::status {
namespace {

// An ETA above the countdown by no more than this is jitter in the lumps, not a slower link.
double tolerated_rise(double countdown) { return std::max(1.0, 0.25 * countdown); }

}  // namespace

TransferRate::TransferRate(Seconds window, Seconds min_span) : window_(window), min_span_(min_span) {}

RateReading TransferRate::read(Seconds at, long long confirmed, std::optional<long long> remaining) {
    if (samples_.empty()) samples_.push_back(Sample{at, confirmed});
    Sample& last = samples_.back();
    if (confirmed > last.bytes) {
        // The first bytes after an idle stretch start the window: when they crossed is unknown
        // (a lump may hold a second's worth), so they are its base, not part of its rate.
        if (!flowing_) samples_.clear();
        samples_.push_back(Sample{at, confirmed});
        flowing_ = true;
        ever_flowed_ = true;
    } else if (at - last.at > window_) {
        // Nothing for a whole window: stalled (or never started). The window starts again with
        // the next bytes, so the stall does not dilute the rate once they flow.
        samples_.assign(1, Sample{at, last.bytes});
        flowing_ = false;
        shown_eta_.reset();
    }
    if (!flowing_) return ever_flowed_ ? RateReading{0.0, std::nullopt} : RateReading{};
    // Keep one sample at or before the window's start as its anchor.
    Seconds window_start = samples_.back().at - window_;
    while (samples_.size() > 2 && samples_[1].at <= window_start) samples_.pop_front();

    RateReading reading;
    reading.bytes_per_second = rate_over_window();
    if (!reading.bytes_per_second || *reading.bytes_per_second <= 0 || !remaining) {
        shown_eta_.reset();
        return reading;
    }
    // Counted from the last confirmation: between lumps the time left runs down by the clock.
    double since_last = (at - samples_.back().at).count();
    double raw = std::max(0.0, static_cast<double>(std::max(0LL, *remaining)) / *reading.bytes_per_second - since_last);
    reading.eta_seconds = steady_eta(at, raw);
    return reading;
}

std::optional<double> TransferRate::rate_over_window() const {
    if (samples_.size() < 2) return std::nullopt;
    const Sample& first = samples_.front();
    const Sample& last = samples_.back();
    Seconds span = last.at - first.at;
    if (span < min_span_ || span.count() <= 0) return std::nullopt;
    return static_cast<double>(last.bytes - first.bytes) / span.count();
}

std::optional<double> TransferRate::steady_eta(Seconds at, double raw) {
    double shown = raw;
    if (shown_eta_) {
        double countdown = std::max(0.0, *shown_eta_ - (at - shown_at_).count());
        // Down at once when it goes faster; up only when the estimate is well above the countdown.
        if (raw > countdown && raw <= countdown + tolerated_rise(countdown)) shown = countdown;
    }
    shown_eta_ = shown;
    shown_at_ = at;
    return shown;
}

}  // namespace bmx::status
