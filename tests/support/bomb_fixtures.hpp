// Hostile and unusual images made by code at test time: PNGs whose data inflates past their
// header, PNGs written sample by sample (16-bit, Adam7), and JPEGs with custom scan scripts.
// Nothing here is a committed blob; the big ones are written in a stream, never held whole.
#pragma once

#include <cstdint>
#include <functional>
#include <ostream>

#include "support/image_fixtures.hpp"

namespace bmx::testing {

// A PNG declaring width x height 8-bit RGB whose IDAT inflates to `inflated` zero bytes
// (a zlib stream, level 9: 64 MiB of zeros compress to about 64 KiB).
Bytes png_inflate_bomb(std::uint32_t width, std::uint32_t height, std::uint64_t inflated);

struct PngSpec {
    std::uint32_t width = 1, height = 1;
    int bit_depth = 8;    // 8 or 16
    int colour_type = 2;  // 0 grey, 2 RGB, 4 grey+alpha, 6 RGBA
    bool interlaced = false;
};

// The sample of channel c at (x, y), 0-65535 (8-bit PNGs keep the high byte).
using SampleAt = std::function<unsigned(std::uint32_t x, std::uint32_t y, int c)>;

// A valid PNG, written to out as it is made (zlib level 1), so 800 MB of raw samples never
// sit in memory; Adam7 when spec.interlaced.
void write_png(std::ostream& out, const PngSpec& spec, const SampleAt& sample);
Bytes build_png(const PngSpec& spec, const SampleAt& sample);

// A progressive JPEG whose scan script splits every coefficient of every component into its own
// band, each sent in 1 + al successive-approximation scans: with 3 components and al 10,
// 11 DC scans + 3 x 63 x 11 AC scans = 2090 scans, all valid.
Bytes encode_many_scan_jpeg(const TestImage& image, int al = 10);
// Its scan count for 3 components: 1 + al + 3 * 63 * (1 + al).
int many_scan_count(int al = 10);

// A grey progressive JPEG written byte by byte, cheap to make at any size: every coefficient is
// zero, each AC scan is a few end-of-band runs, and every bit of every coefficient has a scan of
// its own (successive approximation down from bit 13): 14 DC + 63 x 14 AC = 896 valid scans.
// Decoding it visits every block once a scan: 4096x4096 (262,144 blocks) takes 3.7 s here.
// Sides are rounded down to multiples of 8.
Bytes eob_scan_jpeg(std::uint16_t width, std::uint16_t height);
inline constexpr int eob_scan_jpeg_scans = 896;

}  // namespace bmx::testing
