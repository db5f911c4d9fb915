// read_source_header: an image's declared size and EXIF orientation, read from its header
// alone so the pixel limit is checked before any pixel buffer exists.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "core/result.hpp"
#include "image/format.hpp"

namespace bmx::image {

struct SourceHeader {
    // 64-bit: headers declare up to 2^32-1 and the limit check must see the real number.
    std::int64_t width = 0;
    std::int64_t height = 0;
    std::optional<int> exif_orientation;  // raw tag value, when the file carries one
};

// Errors have stage "decode" (truncated or corrupt header) or "format" (a variant we cannot decode).
Result<SourceHeader> read_source_header(Format format, std::span<const unsigned char> bytes);

}  // namespace bmx::image
