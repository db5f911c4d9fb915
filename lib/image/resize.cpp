// Thumbnail sizing and the linear-light resample.
#include "image/resize.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include <stb_image_resize.h>

namespace bmx::image {
namespace {

// Pillow's round_aspect: of floor and ceil, the one whose aspect ratio is closer (floor
// on a tie), at least 1.
template <class Distance>
int round_aspect(double number, Distance distance) {
    const double low = std::floor(number), high = std::ceil(number);
    const double chosen = distance(low) <= distance(high) ? low : high;
    return std::max(1, static_cast<int>(chosen));
}

// Catmull-Rom has a support of 2 output-scale pixels; stb scales it by the ratio when shrinking.
constexpr double kernel_support = 2.0;

}  // namespace

Size fit_within(Size source, int box) {
    if (box >= source.width && box >= source.height) return source;
    const double aspect = static_cast<double>(source.width) / source.height;
    if (1.0 >= aspect) {  // box / box >= aspect: the height is the limit
        const int width = round_aspect(box * aspect, [&](double n) { return std::abs(aspect - n / box); });
        return {width, box};
    }
    const int height =
        round_aspect(box / aspect, [&](double n) { return n == 0 ? 0.0 : std::abs(aspect - box / n); });
    return {box, height};
}

void resize_srgb_rows(const Pixels& source, Pixels& target, int first_row, int end_row) {
    // The scale is computed as stbir_resize computes it for the whole image, and the band
    // offset is a whole number of output rows, so every band gets the whole resize's
    // weights bit for bit (stbir_resize_region's float region bounds would not).
    const float x_scale = static_cast<float>(target.width) / static_cast<float>(source.width);
    const float y_scale = static_cast<float>(target.height) / static_cast<float>(source.height);
    stbir_resize_subpixel(source.data.get(), source.width, source.height, static_cast<int>(source.row_bytes()),
                          target.row(first_row), target.width, end_row - first_row,
                          static_cast<int>(target.row_bytes()), STBIR_TYPE_UINT8, source.channels,
                          STBIR_ALPHA_CHANNEL_NONE, 0, STBIR_EDGE_CLAMP, STBIR_EDGE_CLAMP, STBIR_FILTER_CATMULLROM,
                          STBIR_FILTER_CATMULLROM, STBIR_COLORSPACE_SRGB, nullptr, x_scale, y_scale, 0.0f,
                          static_cast<float>(first_row));
}

Pixels resize_srgb(const Pixels& source, Size target_size) {
    Pixels target = Pixels::allocate(target_size.width, target_size.height, source.channels);
    if (target_size == source.size()) {
        std::memcpy(target.data.get(), source.data.get(), source.size_bytes());
        return target;
    }
    resize_srgb_rows(source, target, 0, target.height);
    return target;
}

int source_rows_needed(int source_height, int target_height, int end_row) {
    // Output row y is centred on source row (y + 0.5) * scale - 0.5 and reads kernel_support
    // * scale rows either side when shrinking (kernel_support rows when enlarging); two rows
    // of slack cover stb's rounding.
    const double scale = static_cast<double>(source_height) / target_height;
    const double reach = kernel_support * std::max(scale, 1.0);
    const double last = (end_row - 0.5) * scale - 0.5 + reach;
    return std::clamp(static_cast<int>(std::ceil(last)) + 2, 0, source_height);
}

}  // namespace bmx::image
