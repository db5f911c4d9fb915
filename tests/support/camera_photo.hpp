// camera_photo: a photo-like image drawn by code, with a camera's sensor noise, so a JPEG of it
// weighs what a camera's does (a 4000x3000 one at quality 95 is about 6 MB), for --fit.
#pragma once

#include "support/image_fixtures.hpp"

namespace bmx::testing {

// A wall's soft gradient over a wooden table with a few sharp-edged books, plus sensor grain
// of about `grain` levels (luminance and a little chroma). Each `variant` has different
// pixels; the same arguments give the same pixels.
TestImage camera_photo(int width, int height, int variant, int grain = 24);

// camera_photo encoded as a camera would: baseline JPEG, 4:2:0, quality 95.
Bytes camera_jpeg(int width, int height, int variant, int grain = 24);

}  // namespace bmx::testing
