// stb_header: declared sizes of the formats stb_image decodes (PNG, GIF, BMP, PSD, PNM, HDR, PIC),
// and PNG's eXIf orientation, parsed by hand: stbi_info refuses large images with its own
// message, and the limit message must be ours.
#pragma once

#include <span>

#include "core/result.hpp"
#include "image/format.hpp"
#include "image/source_header.hpp"

namespace bmx::image {

Result<SourceHeader> read_stb_header(Format format, std::span<const unsigned char> bytes);

}  // namespace bmx::image
