// fit_jpeg: re-encodes an image as a baseline JPEG of at most a given number of bytes, for an
// upload that must fit a request-size limit (upload --fit); the source bytes are not changed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "image/decode_control.hpp"

namespace bmx::image {

struct FitOptions {
    std::size_t max_bytes = 0;  // the JPEG must be at most this many bytes (at least 1)
    std::int64_t max_pixels = 100'000'000;
    // The batch's shared decode budget, Ctrl-C and the JPEG scan limit, as for make_thumbnail.
    // The share covers the full-size decode and the encoder's buffers and is held to the end.
    DecodeControl decode;
};

struct FittedImage {
    std::vector<unsigned char> jpeg;
    int width = 0, height = 0;  // of jpeg: as displayed, after EXIF orientation and any downscale
    int quality = 0;            // 95, 92 or 90
    int encodes = 0;            // how many encodes it took (at most 3 + 8)
    std::vector<std::string> warnings;  // the decoder's, and an EXIF orientation outside 1-8
};

// Any format make_thumbnail decodes (JPEG, PNG, WebP, GIF, BMP, ...), decoded at full size,
// EXIF orientation applied to the pixels (the output carries no EXIF, so it is upright in every
// viewer) and transparency flattened on white, then encoded (4:2:0, accurate DCT) as:
//   1. quality 95, 92, then 90 at full size: the first that fits;
//   2. otherwise quality 90 at the largest size that fits (aspect kept, never upscaled), found
//      by FitSizeSearch in at most 8 encodes and to within 0.5% of the long side.
// Always re-encodes, even a JPEG that already fits. Deterministic: the same bytes and options
// give the same output bytes (one thread, no clock). Never throws.
// Error stages: "limits" when even a 64-pixel long side (or the full size, when smaller) at
// quality 90 is over max_bytes, or the image is over max_pixels or the decode budget;
// "cancelled" (options.decode.cancel); "usage" (max_bytes 0); "format", "decode" and "encode"
// as make_thumbnail gives them.
Result<FittedImage> fit_jpeg(std::span<const unsigned char> bytes, const FitOptions& options);

}  // namespace bmx::image
