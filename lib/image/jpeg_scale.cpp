// Picks the JPEG shrink-on-load factor.
#include "image/jpeg_scale.hpp"

#include <cstdint>

namespace bmx::image {
namespace {

int scaled_dimension(int full, int numerator) {
    // Same rounding as libjpeg's jdiv_round_up(full * num, denom); 64-bit to be safe.
    const std::int64_t scaled = (std::int64_t{full} * numerator + ScaleFactor::denominator - 1) / ScaleFactor::denominator;
    return static_cast<int>(scaled);
}

}  // namespace

Size scaled_size(Size source, ScaleFactor scale) {
    return {scaled_dimension(source.width, scale.numerator), scaled_dimension(source.height, scale.numerator)};
}

ScaleFactor choose_jpeg_scale(Size source, Size target) {
    for (int numerator = 1; numerator < ScaleFactor::denominator; ++numerator) {
        const Size scaled = scaled_size(source, ScaleFactor{numerator});
        if (scaled.width >= 2 * std::int64_t{target.width} && scaled.height >= 2 * std::int64_t{target.height})
            return ScaleFactor{numerator};
    }
    return ScaleFactor{};
}

}  // namespace bmx::image
