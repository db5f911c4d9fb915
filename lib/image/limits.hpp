// check_declared_size: refuses images whose header declares more pixels than we agree to decode.
#pragma once

#include <cstdint>

#include "core/result.hpp"

namespace bmx::image {

// Sides above this are refused whatever the pixel limit; it keeps every later size in int.
constexpr std::int64_t max_side = 1 << 24;

// Stage "limits": "image declares 50000x50000 (2500 MP), over the 100 MP limit". Runs on
// header values, before any pixel buffer is allocated, so a decompression bomb costs nothing.
Status check_declared_size(std::int64_t width, std::int64_t height, std::int64_t max_pixels);

// Stage "usage" for a pixel limit or a JPEG scan limit below 1 (the options every decode takes).
Status check_limit_options(std::int64_t max_pixels, int max_jpeg_scans);

}  // namespace bmx::image
