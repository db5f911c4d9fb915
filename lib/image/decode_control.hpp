// DecodeControl: what bounds one decode from outside: the shared memory budget, the JPEG scan
// limit, and the Ctrl-C a decode must notice.
#pragma once

#include <cstddef>

#include "core/cancel_token.hpp"
#include "core/counting_budget.hpp"

namespace bmx::image {

// A camera's or an encoder's progressive JPEG has about 10 scans (libjpeg's simple progression
// writes 10, 6 for grey; optimised scripts stay in the tens). Each scan is a pass over every
// block of the image (about 14 ns a block here), so a valid file with 896 scans at 100 MP costs
// 20 s of CPU; at 100 scans it is refused after about 2 s at most. 100 is ten times what
// encoders write.
inline constexpr int default_max_jpeg_scans = 100;

// The decode budget's default: the largest image the default 100 MP limit admits (a 16-bit RGBA
// PNG, about 1.6 GB at stb_image's peak) still fits, and any --jobs decodes at most this at once.
inline constexpr std::size_t default_decode_budget_bytes = std::size_t{2048} * 1024 * 1024;

struct DecodeControl {
    // Shared by every worker of a batch; nullptr: no budget (a single decode, tests, fuzzers).
    CountingBudget* budget = nullptr;
    CancelToken cancel;
    int max_jpeg_scans = default_max_jpeg_scans;  // progressive JPEGs with more scans are refused
};

}  // namespace bmx::image
