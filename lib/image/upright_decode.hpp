// decode_upright: an image's pixels at full size as a viewer shows them (EXIF orientation
// applied, transparency flattened on white), for work that needs every pixel (fit_jpeg).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/counting_budget.hpp"
#include "core/result.hpp"
#include "image/decode_control.hpp"
#include "image/pixels.hpp"

namespace bmx::image {

struct UprightOptions {
    std::int64_t max_pixels = 100'000'000;  // larger declared images are refused (stage "limits")
    DecodeControl decode;
    // What the caller will hold beside the pixels while it works on them (an encoder's
    // buffers), per source pixel and in all; added to the decode's share of the budget.
    std::uint64_t extra_bytes_per_pixel = 0;
    std::uint64_t extra_bytes = 0;
};

struct UprightImage {
    Pixels pixels;  // RGB, as displayed
    // The decode budget's share, covering the decode and the extra bytes asked for: keep it
    // until the work on the pixels is done.
    BudgetShare share;
    std::vector<std::string> warnings;
};

// The same checks in the same order as make_thumbnail (sniff, header, pixel limit, admission),
// then a full-resolution decode (no JPEG DCT scaling). Error stages as make_thumbnail's:
// "format", "decode", "limits", "cancelled", "usage".
Result<UprightImage> decode_upright(std::span<const unsigned char> bytes, const UprightOptions& options);

}  // namespace bmx::image
