// decode_memory_bytes: what decoding one image allocates at its peak, from its header, so the
// share of the decode budget is taken before any pixel buffer exists.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "image/format.hpp"
#include "image/pixels.hpp"

namespace bmx::image {

struct DecodeCost {
    std::uint64_t bytes = 0;
    std::string what;  // "10000x10000 PNG, 16-bit RGBA": for messages
};

// A model of each decoder's buffers, not a measurement; each formula is in decode_memory.cpp.
// stored is the header's size (already within the pixel limit), target the size decoded to.
// The file's own bytes are not counted: they are read before the decode and held by the caller.
DecodeCost decode_memory_bytes(Format format, std::span<const unsigned char> bytes, Size stored, Size target);

}  // namespace bmx::image
