// FitSizeSearch: which long sides fit_jpeg tries when quality 90 at full size is too big; a
// bounded, deterministic search driven by what each try weighed, with no pixels in sight.
#pragma once

#include <cstddef>
#include <optional>

namespace bmx::image {

struct FitSizeLimits {
    int full_long_side = 0;        // the image's long side; never exceeded (no upscaling)
    std::size_t full_bytes = 0;    // what the full size weighed (over max_bytes)
    std::size_t max_bytes = 0;
    int floor_long_side = 64;      // the smallest long side tried (the full one when smaller)
    int max_encodes = 8;
};

// The search keeps a bracket: the largest long side known to fit, the smallest known not to.
// Guesses assume bytes grow with the pixel count (the square of the long side):
//   - nothing fitted yet: scaled from the smallest size that did not fit, aiming 3% under;
//   - the full size is still the upper end: scaled up from the fitted size, aiming 1% under.
//     The full size is not resampled, and resampling alone smooths a photo's grain (a 0.4%
//     smaller copy of a noisy 12-MP photo weighs 10% less), so its bytes are off the curve;
//   - otherwise interpolated in log-log between the two ends, aiming 1% under, or halved
//     when the same end moved twice in a row (regula falsi's stall).
// Each guess stays at least 1/8 of the bracket from either end, so the bracket always
// shrinks. The search stops when a size that fits weighs at least 98% of the budget, when
// the bracket is within 0.5% of the long side, after max_encodes tries, or when even the
// floor does not fit. When nothing has fitted, the last try is the floor, so "cannot fit"
// is always decided there.
class FitSizeSearch {
public:
    explicit FitSizeSearch(const FitSizeLimits& limits);

    // The long side to encode next, or nullopt when the search is over.
    std::optional<int> next() const;
    // What encoding at long_side (a value next() gave) weighed.
    void record(int long_side, std::size_t bytes);

    // The largest long side that fitted, once one has.
    std::optional<int> best() const { return fitted_; }
    int encodes() const { return encodes_; }
    // The smallest long side tried and its bytes, for the message when nothing fitted.
    int smallest_tried() const { return too_big_; }
    std::size_t smallest_tried_bytes() const { return too_big_bytes_; }

private:
    int floor() const;
    int tolerance() const;
    int first_guess() const;
    int bracketed_guess() const;
    double scaled_to_budget(int long_side, std::size_t bytes, double aim) const;

    FitSizeLimits limits_;
    std::optional<int> fitted_;
    std::size_t fitted_bytes_ = 0;
    int too_big_ = 0;  // smallest long side known not to fit
    std::size_t too_big_bytes_ = 0;
    int encodes_ = 0;
    bool last_fitted_ = false;
    bool same_end_twice_ = false;  // the last two tries moved the same end of the bracket
};

}  // namespace bmx::image
