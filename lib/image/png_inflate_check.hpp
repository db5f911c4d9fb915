// check_png_inflate: inflates a PNG's image data into a small scratch buffer, counting, so a
// file whose data inflates past what its header implies is refused before stb_image sees it
// (stb_image grows its output buffer without limit: a 3 MB file can ask for gigabytes).
#pragma once

#include <span>

#include "core/cancel_token.hpp"
#include "core/result.hpp"
#include "image/png_layout.hpp"

namespace bmx::image {

// Stage "limits" when the data inflates past png_inflated_bytes(layout); stage "decode" when
// zlib finds the stream corrupt (stb_image's own inflater checks less, e.g. not the window
// size, so it is not left to decide); stage "cancelled" when the token is. Data that ends early passes: stb_image
// reports the truncation. Memory: a 64 KiB scratch buffer and zlib's own state (about 40 KiB).
Status check_png_inflate(std::span<const unsigned char> bytes, const PngLayout& layout, const CancelToken& cancel);

}  // namespace bmx::image
