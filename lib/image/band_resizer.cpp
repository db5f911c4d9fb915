// Overlaps the linear-light resize with JPEG decoding.
#include "image/band_resizer.hpp"

#include <algorithm>
#include <system_error>

#include "image/resize.hpp"

namespace bmx::image {
namespace {

// Each band re-reads the source rows its neighbour's kernel reached, so bands are not
// tiny; but whatever band is last is left to do after the decoder finishes, so the last
// few are small.
constexpr int band_rows = 24;
constexpr int final_band_rows = 6;
constexpr int final_stretch_rows = 24;

int band_end(int first, int height) {
    const int rows = height - first <= final_stretch_rows ? final_band_rows : band_rows;
    return std::min(height, first + rows);
}

}  // namespace

BandResizer::BandResizer(Size target) : target_{target.width, target.height, 0} {}

BandResizer::~BandResizer() { stop(); }

void BandResizer::begin(const Pixels& source) {
    source_ = Pixels{source.width, source.height, source.channels,
                     PixelStorage(source.data.get(), [](unsigned char*) {})};
    target_ = Pixels::allocate(target_.width, target_.height, source.channels);
    try {
        helper_ = std::thread([this] { resize_bands(); });
    } catch (const std::system_error&) {
        // No thread to be had (resource limits): finish() resizes on the caller's thread.
    }
}

void BandResizer::rows_ready(int rows) {
    bool wake = false;
    {
        std::lock_guard lock(mutex_);
        rows_ready_ = rows;
        // A wake-up is a system call; the decoder only pays for it when the helper can go on.
        wake = rows_wanted_ > 0 && rows >= rows_wanted_;
        if (wake) rows_wanted_ = 0;
    }
    if (wake) rows_changed_.notify_one();
}

void BandResizer::abandon() { stop(); }

Pixels BandResizer::finish() {
    rows_ready(source_.height);
    // Every source row is decoded now, so this thread can take bands too: the tail that is
    // left after decoding is split between two cores.
    while (auto band = claim_band()) resize_srgb_rows(source_, target_, band->first, band->end);
    if (helper_.joinable()) helper_.join();
    return std::move(target_);
}

std::optional<BandResizer::Band> BandResizer::claim_band() {
    std::lock_guard lock(mutex_);
    if (next_band_ >= target_.height) return std::nullopt;
    const Band band{next_band_, band_end(next_band_, target_.height)};
    next_band_ = band.end;
    return band;
}

bool BandResizer::wait_for_rows(int rows) {
    std::unique_lock lock(mutex_);
    if (!cancelled_ && rows_ready_ < rows) rows_wanted_ = rows;
    rows_changed_.wait(lock, [&] { return cancelled_ || rows_ready_ >= rows; });
    return !cancelled_;
}

void BandResizer::resize_bands() {
    while (auto band = claim_band()) {
        if (!wait_for_rows(source_rows_needed(source_.height, target_.height, band->end))) return;
        resize_srgb_rows(source_, target_, band->first, band->end);
    }
}

void BandResizer::stop() {
    if (!helper_.joinable()) return;
    {
        std::lock_guard lock(mutex_);
        cancelled_ = true;
    }
    rows_changed_.notify_one();
    helper_.join();
}

}  // namespace bmx::image
