// The pixel limit check and its message.
#include "image/limits.hpp"

#include <string>

#include <fmt/format.h>

namespace bmx::image {
namespace {

// "2500", "100.02", "0.005": megapixels with at most two decimals (three significant digits
// below 1 MP, so small limits do not all print as "0"), no trailing zeros.
std::string megapixels(std::int64_t pixels) {
    const double value = static_cast<double>(pixels) / 1e6;
    if (value < 1) return fmt::format("{:.3g}", value);
    std::string text = fmt::format("{:.2f}", value);
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
    return text;
}

}  // namespace

Status check_declared_size(std::int64_t width, std::int64_t height, std::int64_t max_pixels) {
    if (width <= 0 || height <= 0)
        return make_error(Stage::limits, fmt::format("image declares {}x{} pixels, an empty image", width, height));
    if (width > max_side || height > max_side)
        return make_error(Stage::limits, fmt::format("image declares {}x{}, a side over the {}-pixel maximum", width,
                                                height, max_side));
    const std::int64_t pixels = width * height;
    if (pixels > max_pixels)
        return make_error(Stage::limits, fmt::format("image declares {}x{} ({} MP), over the {} MP limit", width, height,
                                                megapixels(pixels), megapixels(max_pixels)));
    return Ok{};
}

Status check_limit_options(std::int64_t max_pixels, int max_jpeg_scans) {
    if (max_pixels < 1) return make_error(Stage::usage, "the pixel limit must be at least 1");
    if (max_jpeg_scans < 1) return make_error(Stage::usage, "the JPEG scan limit must be at least 1");
    return Ok{};
}

}  // namespace bmx::image
