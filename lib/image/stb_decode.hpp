// stb_decode: decodes PNG, GIF (first frame), BMP, PSD, PNM, HDR and PIC with stb_image.
#pragma once

#include <span>

#include "core/result.hpp"
#include "image/decoded_image.hpp"
#include "image/format.hpp"

namespace bmx::image {

// A file whose data ends before the image does is refused ("truncated PNG: data ends early"),
// even where stb_image alone would fill the rest with black and call it a success.
Result<DecodedImage> decode_with_stb(Format format, std::span<const unsigned char> bytes);

}  // namespace bmx::image
