// jpeg_markers: walks a JPEG's marker segments up to the first scan to learn its size,
// colour layout and EXIF orientation without decoding anything.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "core/result.hpp"

namespace bmx::image {

struct JpegHeader {
    int width = 0;
    int height = 0;
    int components = 0;  // 1 grey, 3 YCbCr/RGB, 4 CMYK/YCCK
    bool adobe_marker = false;
    bool progressive = false;      // SOF2, SOF6, SOF10 or SOF14
    int first_scan_components = 0;  // in the first scan; fewer than components means more scans follow
    // libjpeg's whole-image coefficient buffer (2 bytes per coefficient, each component at its
    // own sampling), allocated only for an image with several scans.
    std::int64_t coefficient_bytes = 0;
    bool multi_scan() const { return progressive || first_scan_components < components; }
    std::optional<int> exif_orientation;  // raw tag value from the first EXIF APP1 segment
};

// Errors: stage "decode" for a truncated or corrupt header, stage "format" for JPEG
// variants libjpeg-turbo cannot decode (lossless, 12-bit).
Result<JpegHeader> read_jpeg_header(std::span<const unsigned char> bytes);

}  // namespace bmx::image
