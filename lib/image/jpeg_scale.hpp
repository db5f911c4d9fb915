// choose_jpeg_scale: the DCT scaling (shrink-on-load) to decode a JPEG at for a given thumbnail size.
#pragma once

#include "image/pixels.hpp"

namespace bmx::image {

// libjpeg-turbo decodes at n/8 of full size (n = 1..8) for far less work than full size.
struct ScaleFactor {
    int numerator = 8;
    static constexpr int denominator = 8;
    bool operator==(const ScaleFactor&) const = default;
};

// The smallest n/8 that still leaves at least twice the target size in both directions,
// so the final resample has real pixels to average (as libvips and Pillow do); 8/8 when
// the image is not larger than that to begin with.
ScaleFactor choose_jpeg_scale(Size source, Size target);

// The size libjpeg produces at that scale (it rounds up).
Size scaled_size(Size source, ScaleFactor scale);

}  // namespace bmx::image
