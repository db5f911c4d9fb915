// jpeg_decode: decodes a JPEG with libjpeg-turbo at a reduced scale, row band by row band.
#pragma once

#include <span>

#include "core/result.hpp"
#include "image/decode_control.hpp"
#include "image/decode_observer.hpp"
#include "image/decoded_image.hpp"
#include "image/jpeg_scale.hpp"

namespace bmx::image {

// Output is always RGB: grey is expanded and CMYK/YCCK converted (Adobe's inverted CMYK
// included). A file that ends early or has corrupt entropy data is an Error (stage
// "decode", "truncated JPEG: data ends early"), never a half-grey image. observer, when
// given, sees each band of rows as it lands, so resizing can overlap decoding. control's
// token ends the decode within a row group or an iMCU row (stage "cancelled"); a file with
// more scans than control's limit is refused when the first scan past it starts (stage "limits").
Result<DecodedImage> decode_jpeg(std::span<const unsigned char> bytes, ScaleFactor scale, const DecodeControl& control,
                                 DecodeObserver* observer = nullptr);

}  // namespace bmx::image
