// apply_orientation: turns stored pixels into the way the EXIF orientation says to show them.
#pragma once

#include "image/pixels.hpp"

namespace bmx::image {

// orientation: EXIF values 1-8 (1 = as stored, 3 = rotate 180, 6 = rotate 90 clockwise,
// 8 = rotate 90 anticlockwise, 2/4 = mirrored, 5/7 = transposed). Any other value is
// treated as 1. Values 5-8 swap width and height.
Pixels apply_orientation(Pixels image, int orientation);

}  // namespace bmx::image
