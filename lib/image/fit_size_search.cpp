// The guesses of fit_jpeg's size search; plain arithmetic, so the same inputs give the same sizes.
#include "image/fit_size_search.hpp"

#include <algorithm>
#include <cmath>

namespace bmx::image {
namespace {

// The first guess aims this far under the budget: a smaller copy of a photo has more detail
// per pixel, so it weighs a little more than its pixel count says.
constexpr double first_guess_aim = 0.97;
// Later guesses aim 1% under, so a try near the answer tends to land on the fitting side,
// where a size weighing at least 98% of the budget ends the search.
constexpr double later_guess_aim = 0.99;
constexpr double close_enough = 0.98;

int clamp_long_side(double guess, int low, int high) {
    if (!(guess >= low)) return low;  // also catches NaN
    if (guess >= high) return high;
    return static_cast<int>(guess);
}

}  // namespace

FitSizeSearch::FitSizeSearch(const FitSizeLimits& limits)
    : limits_(limits), too_big_(limits.full_long_side), too_big_bytes_(limits.full_bytes) {}

int FitSizeSearch::floor() const { return std::min(limits_.floor_long_side, limits_.full_long_side); }

int FitSizeSearch::tolerance() const { return std::max(1, limits_.full_long_side / 200); }

std::optional<int> FitSizeSearch::next() const {
    if (encodes_ >= limits_.max_encodes) return std::nullopt;
    if (too_big_ <= floor()) return std::nullopt;  // even the floor (or the full size) is too big
    if (fitted_) {
        if (too_big_ - *fitted_ <= tolerance()) return std::nullopt;
        if (static_cast<double>(fitted_bytes_) >= close_enough * static_cast<double>(limits_.max_bytes))
            return std::nullopt;
        return bracketed_guess();
    }
    if (encodes_ == limits_.max_encodes - 1) return floor();
    return first_guess();
}

void FitSizeSearch::record(int long_side, std::size_t bytes) {
    ++encodes_;
    const bool fits = bytes <= limits_.max_bytes;
    same_end_twice_ = encodes_ > 1 && fits == last_fitted_;
    last_fitted_ = fits;
    if (fits) {
        if (!fitted_ || long_side > *fitted_) {
            fitted_ = long_side;
            fitted_bytes_ = bytes;
        }
    } else if (long_side < too_big_) {
        too_big_ = long_side;
        too_big_bytes_ = bytes;
    }
}

double FitSizeSearch::scaled_to_budget(int long_side, std::size_t bytes, double aim) const {
    const double ratio = static_cast<double>(limits_.max_bytes) / static_cast<double>(std::max<std::size_t>(bytes, 1));
    return long_side * std::sqrt(ratio * aim);
}

int FitSizeSearch::first_guess() const {
    return clamp_long_side(scaled_to_budget(too_big_, too_big_bytes_, first_guess_aim), floor(), too_big_ - 1);
}

int FitSizeSearch::bracketed_guess() const {
    const int low = *fitted_, high = too_big_;
    const int margin = std::max(1, (high - low) / 8);
    double guess = (low + high) / 2.0;
    if (high == limits_.full_long_side) {
        guess = scaled_to_budget(low, fitted_bytes_, later_guess_aim);
    } else if (!same_end_twice_) {
        const double log_low = std::log(static_cast<double>(low)), log_high = std::log(static_cast<double>(high));
        const double bytes_low = std::log(static_cast<double>(std::max<std::size_t>(fitted_bytes_, 1)));
        const double bytes_high = std::log(static_cast<double>(too_big_bytes_));
        const double target = std::log(later_guess_aim * static_cast<double>(limits_.max_bytes));
        if (bytes_high > bytes_low)
            guess = std::exp(log_low + (target - bytes_low) * (log_high - log_low) / (bytes_high - bytes_low));
    }
    return clamp_long_side(guess, low + margin, high - margin);
}

}  // namespace bmx::image
