// png_layout: a PNG's IHDR as the decoder will use it, its chunks walked with every length checked,
// and the exact number of bytes its image data must inflate to.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>

#include "core/result.hpp"

namespace bmx::image {

struct PngLayout {
    std::uint32_t width = 0;
    std::uint32_t height = 0;
    int bit_depth = 0;    // 1, 2, 4, 8 or 16
    int colour_type = 0;  // 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA
    bool interlaced = false;  // Adam7
    bool has_transparency = false;  // a tRNS chunk before the image data
    std::uint64_t idat_bytes = 0;   // compressed image data, all IDAT chunks together

    // Samples per pixel as stored: 1 for grey and palette, 2, 3 or 4.
    int samples() const;
    // "16-bit RGBA, interlaced": for messages.
    std::string describe() const;
};

// Stage "decode" for a missing or malformed IHDR (bit depth and colour type checked together).
// The walk stops at IEND, at a chunk that runs past the data, or at the end of the data.
Result<PngLayout> read_png_layout(std::span<const unsigned char> bytes);

// Calls on_idat with each IDAT chunk's data, in file order, until it answers false.
void for_each_idat(std::span<const unsigned char> bytes,
                   const std::function<bool(std::span<const unsigned char>)>& on_idat);

// What the zlib stream must inflate to: a filter byte plus the packed samples of every row,
// summed over the seven Adam7 passes when interlaced. No slack: a valid file is exactly this.
// Sides up to max_side (limits.hpp, 2^24) keep it far inside 64 bits.
std::uint64_t png_inflated_bytes(const PngLayout& layout);

}  // namespace bmx::image
