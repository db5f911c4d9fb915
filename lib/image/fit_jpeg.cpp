// fit_jpeg's two steps: the quality ladder at full size, then the size search at quality 90.
#include "image/fit_jpeg.hpp"

#include <algorithm>
#include <cstdint>
#include <new>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "image/fit_size_search.hpp"
#include "image/jpeg_encode.hpp"
#include "image/resize.hpp"
#include "image/upright_decode.hpp"

namespace bmx::image {
namespace {

// Best first: quality 90 or better where that is enough, as the issue asks.
constexpr int full_size_qualities[] = {95, 92, 90};
constexpr int downscaled_quality = 90;
constexpr int fit_floor_long_side = 64;

// The encoder writes into a buffer of its worst case (TurboJPEG's tjBufSize for 4:2:0, about
// 3 bytes a pixel plus 2 KB) beside the image being encoded; the best fit so far is kept too.
constexpr std::uint64_t encoder_bytes_per_pixel = 3;

Error fit_cancelled() { return make_error(Stage::cancelled, "cancelled while fitting the image"); }

int long_side_of(Size size) { return std::max(size.width, size.height); }

FittedImage fitted(std::vector<unsigned char> jpeg, Size size, int quality, int encodes) {
    FittedImage image;
    image.jpeg = std::move(jpeg);
    image.width = size.width;
    image.height = size.height;
    image.quality = quality;
    image.encodes = encodes;
    return image;
}

Error cannot_fit(Size full, std::size_t max_bytes, Size smallest, std::size_t smallest_bytes) {
    return make_error(Stage::limits,
                      fmt::format("cannot fit this {}x{} image into {} bytes: even at {}x{} and JPEG quality {} it is "
                                  "{} bytes",
                                  full.width, full.height, max_bytes, smallest.width, smallest.height,
                                  downscaled_quality, smallest_bytes));
}

// Step 2: quality 90, the largest size the search finds that fits.
Result<FittedImage> fit_by_size(const Pixels& upright, std::size_t full_bytes, int encodes_so_far,
                                const FitOptions& options) {
    const Size full = upright.size();
    FitSizeSearch search(FitSizeLimits{long_side_of(full), full_bytes, options.max_bytes, fit_floor_long_side});
    std::vector<unsigned char> best;
    Size best_size;
    while (const auto next = search.next()) {
        if (options.decode.cancel.cancelled()) return fit_cancelled();
        const Size size = fit_within(full, *next);
        auto jpeg = encode_jpeg(resize_srgb(upright, size), downscaled_quality);
        if (!jpeg) return jpeg.take_error();
        search.record(*next, jpeg->size());
        if (search.best() == *next) {
            best = std::move(*jpeg);
            best_size = size;
        }
    }
    if (!search.best())
        return cannot_fit(full, options.max_bytes, fit_within(full, search.smallest_tried()),
                          search.smallest_tried_bytes());
    return fitted(std::move(best), best_size, downscaled_quality, encodes_so_far + search.encodes());
}

Result<FittedImage> fit_upright(const Pixels& upright, const FitOptions& options) {
    std::size_t last_bytes = 0;
    int encodes = 0;
    for (const int quality : full_size_qualities) {
        if (options.decode.cancel.cancelled()) return fit_cancelled();
        auto jpeg = encode_jpeg(upright, quality);
        if (!jpeg) return jpeg.take_error();
        ++encodes;
        if (jpeg->size() <= options.max_bytes) return fitted(std::move(*jpeg), upright.size(), quality, encodes);
        last_bytes = jpeg->size();
    }
    return fit_by_size(upright, last_bytes, encodes, options);
}

Result<FittedImage> fit_of(std::span<const unsigned char> bytes, const FitOptions& options) {
    if (options.max_bytes < 1)
        return make_error(Stage::usage, "the byte budget to fit an image into must be at least 1");
    UprightOptions decode_options;
    decode_options.max_pixels = options.max_pixels;
    decode_options.decode = options.decode;
    decode_options.extra_bytes_per_pixel = encoder_bytes_per_pixel;
    // The kept result: at most max_bytes, and never more than the encoder's buffer for the
    // largest image admitted (so a "no limit" max_bytes does not inflate the share).
    decode_options.extra_bytes = std::min<std::uint64_t>(
        options.max_bytes, static_cast<std::uint64_t>(options.max_pixels) * encoder_bytes_per_pixel + 2048);
    auto upright = decode_upright(bytes, decode_options);
    if (!upright) return upright.take_error();
    auto image = fit_upright(upright->pixels, options);
    if (!image) return image.take_error();
    image->warnings = std::move(upright->warnings);
    return image;
}

}  // namespace

Result<FittedImage> fit_jpeg(std::span<const unsigned char> bytes, const FitOptions& options) {
    try {
        return fit_of(bytes, options);
    } catch (const std::bad_alloc&) {
        return make_error(Stage::decode, "not enough memory to fit this image");
    }
}

}  // namespace bmx::image
