// decode_to_size: from file bytes to RGB pixels at the thumbnail size, in stored orientation.
#pragma once

#include <span>

#include "core/result.hpp"
#include "image/decode_control.hpp"
#include "image/decoded_image.hpp"
#include "image/format.hpp"
#include "image/resize_overlap.hpp"

namespace bmx::image {

// A decoder that "succeeds" with another size than the header declared (stb_image gives a PNM
// with a cut header 0 rows, for one) has not decoded this image: stage "decode".
Status check_decoded_size(Format format, Size produced, Size expected);

// JPEG is decoded at the smallest DCT scale that keeps twice the target size, with the
// resize overlapping the decode on a helper thread unless overlap says otherwise; the other formats are decoded whole by stb_image or
// libwebp, flattened onto white, then resized. The result is always 3-channel RGB. control's
// token stops a JPEG decode within a row group; stb_image and libwebp cannot be stopped
// mid-decode, so for them it is seen when they return.
Result<DecodedImage> decode_to_size(Format format, std::span<const unsigned char> bytes, Size source, Size target,
                                    ResizeOverlap overlap, const DecodeControl& control);

}  // namespace bmx::image
