// fit_jpeg's size search on modelled byte counts: bounded, never upscaling, close to the
// largest size that fits, and deciding "cannot fit" at the floor.
#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <functional>
#include <vector>

#include "image/fit_size_search.hpp"

using namespace bmx;

namespace {

using Weigh = std::function<std::size_t(int long_side)>;

struct Run {
    std::vector<int> tried;
    image::FitSizeSearch search;
};

Run run_search(const image::FitSizeLimits& limits, const Weigh& weigh) {
    Run run{{}, image::FitSizeSearch(limits)};
    for (int guard = 0; guard < 100; ++guard) {
        const auto next = run.search.next();
        if (!next) break;
        run.tried.push_back(*next);
        run.search.record(*next, weigh(*next));
    }
    return run;
}

// Bytes growing as the long side to this power: 2 is "bytes follow the pixel count", below 2
// is what photos do (a smaller copy has more detail per pixel).
Weigh power_model(double power) {
    return [power](int long_side) { return static_cast<std::size_t>(std::pow(long_side, power) / 2.0); };
}

// The largest long side whose modelled bytes are within max_bytes.
int largest_fitting(const Weigh& weigh, int full, std::size_t max_bytes) {
    int side = full;
    while (side > 1 && weigh(side) > max_bytes) --side;
    return side;
}

}  // namespace

TEST_CASE("fit search: bytes following the pixel count end within 0.5 percent of the best size, in at most 8 encodes") {
    for (const double power : {2.0, 1.8, 1.6}) {
        CAPTURE(power);
        const Weigh weigh = power_model(power);
        const std::size_t max_bytes = weigh(4000) / 2;
        const auto run = run_search({4000, weigh(4000), max_bytes, 64, 8}, weigh);
        REQUIRE(run.search.best().has_value());
        const int best = *run.search.best();
        CHECK(weigh(best) <= max_bytes);
        CHECK(best <= largest_fitting(weigh, 4000, max_bytes));
        CHECK(best >= largest_fitting(weigh, 4000, max_bytes) - 20);
        CHECK(run.search.encodes() <= 8);
        CHECK(run.tried.size() == static_cast<std::size_t>(run.search.encodes()));
    }
}

TEST_CASE("fit search: a full size that weighs more than its pixel count says still ends close, in at most 4 encodes") {
    // What a noisy photo does: any resample smooths the grain, so every downscaled copy weighs
    // 15% less than the full size's bytes predict. The budget is between the two regimes.
    const Weigh downscaled = power_model(2.0);
    const std::size_t full_bytes = downscaled(4000) * 115 / 100;
    const std::size_t max_bytes = downscaled(4000) * 95 / 100;
    const auto run = run_search({4000, full_bytes, max_bytes, 64, 8}, downscaled);
    REQUIRE(run.search.best().has_value());
    CHECK(downscaled(*run.search.best()) <= max_bytes);
    CHECK(*run.search.best() >= largest_fitting(downscaled, 4000, max_bytes) - 20);
    CHECK(run.search.encodes() <= 4);
}

TEST_CASE("fit search: every try is below the full size and at least the floor") {
    const Weigh weigh = power_model(2.0);
    for (const std::size_t max_bytes : {std::size_t{3000}, std::size_t{100'000}, weigh(4000) - 1}) {
        CAPTURE(max_bytes);
        const auto run = run_search({4000, weigh(4000), max_bytes, 64, 8}, weigh);
        REQUIRE_FALSE(run.tried.empty());
        for (const int side : run.tried) {
            CHECK(side < 4000);
            CHECK(side >= 64);
        }
    }
}

TEST_CASE("fit search: when nothing fits, the last try is the floor and the search stops there") {
    const Weigh too_big = [](int) { return std::size_t{1'000'000}; };
    const auto run = run_search({4000, 1'000'000, 500, 64, 8}, too_big);
    CHECK_FALSE(run.search.best().has_value());
    REQUIRE_FALSE(run.tried.empty());
    CHECK(run.tried.back() == 64);
    CHECK(run.search.smallest_tried() == 64);
    CHECK(run.search.encodes() <= 8);
}

TEST_CASE("fit search: an image already at or below the floor is not tried again, never upscaled") {
    const image::FitSizeSearch search({40, 900, 500, 64, 8});
    CHECK_FALSE(search.next().has_value());
    CHECK(search.smallest_tried() == 40);
}
