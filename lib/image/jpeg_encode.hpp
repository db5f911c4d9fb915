// encode_jpeg: compresses RGB pixels to a baseline JPEG with TurboJPEG.
#pragma once

#include <vector>

#include "core/result.hpp"
#include "image/pixels.hpp"

namespace bmx::image {

// 4:2:0 chroma subsampling and the accurate DCT, as Pillow's save(quality=...) uses, so the
// file matches the server's thumbnail. Stage "encode" on failure, including a quality
// outside 1-100.
Result<std::vector<unsigned char>> encode_jpeg(const Pixels& rgb, int quality);

}  // namespace bmx::image
