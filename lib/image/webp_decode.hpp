// webp_decode: WebP header facts and decoding with libwebp (the first frame of an animation).
#pragma once

#include <span>

#include "core/result.hpp"
#include "image/decoded_image.hpp"
#include "image/source_header.hpp"

namespace bmx::image {

Result<SourceHeader> read_webp_header(std::span<const unsigned char> bytes);

// Stage "decode" errors: "truncated WebP: data ends early", "corrupt WebP: ...".
Result<DecodedImage> decode_webp(std::span<const unsigned char> bytes);

}  // namespace bmx::image
