// resize: the thumbnail's size (Pillow's rounding, never upscaled) and the sRGB-correct
// resample with stb_image_resize.
#pragma once

#include "image/pixels.hpp"

namespace bmx::image {

// The largest size that fits in box x box with the aspect ratio kept, rounded exactly as
// Pillow's Image.thumbnail rounds (so sizes match the server's); source itself when it
// already fits. Never below 1x1.
Size fit_within(Size source, int box);

// Resamples 3-channel RGB in linear light (sRGB decoded, filtered, re-encoded) with a
// Catmull-Rom kernel, the same cubic as Pillow's BICUBIC. Returns a copy when the size
// is unchanged.
Pixels resize_srgb(const Pixels& source, Size target);

// Writes output rows [first_row, end_row) of resize_srgb(source, target.size()) into target;
// bands computed separately are identical to one whole resize.
void resize_srgb_rows(const Pixels& source, Pixels& target, int first_row, int end_row);

// The source rows output rows [0, end_row) read: a band can start once these are decoded.
int source_rows_needed(int source_height, int target_height, int end_row);

}  // namespace bmx::image
