// Overlaps the linear-light resize with JPEG decoding.
#include "image/band_resizer.hpp"

#include <algorithm>
#include <system_error>

#include "image/resize.hpp"

namespace bmx::image {
namespace {

// Each band re-reads a few source rows its neighbour read (the kernel overlaps), so
// bands are not tiny; the last band is what is left to do after the decoder finishes.
constexpr int band_rows = 24;

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
    {
        std::lock_guard lock(mutex_);
        rows_ready_ = rows;
    }
    rows_changed_.notify_one();
}

void BandResizer::abandon() { stop(); }

Pixels BandResizer::finish() {
    if (helper_.joinable()) {
        rows_ready(source_.height);
        helper_.join();
    } else {
        resize_srgb_rows(source_, target_, 0, target_.height);
    }
    return std::move(target_);
}

bool BandResizer::wait_for_rows(int rows) {
    std::unique_lock lock(mutex_);
    rows_changed_.wait(lock, [&] { return cancelled_ || rows_ready_ >= rows; });
    return !cancelled_;
}

void BandResizer::resize_bands() {
    for (int first = 0; first < target_.height; first += band_rows) {
        const int end = std::min(target_.height, first + band_rows);
        if (!wait_for_rows(source_rows_needed(source_.height, target_.height, end))) return;
        resize_srgb_rows(source_, target_, first, end);
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
