// admit_decode: what runs between the header checks and the decode: the checks that need the
// whole file but little memory (a PNG's inflate count), then the decode's share of the budget.
#pragma once

#include <cstdint>
#include <span>

#include "core/counting_budget.hpp"
#include "core/result.hpp"
#include "image/decode_control.hpp"
#include "image/format.hpp"
#include "image/pixels.hpp"

namespace bmx::image {

// The share is held until the returned guard is destroyed (after the resize). Stage "limits"
// when the PNG data inflates past its header or the decode needs more than the whole budget,
// "cancelled" when the token is cancelled while checking or waiting, "decode" for corrupt data.
// extra_bytes: what the caller will hold beside the decode's own buffers while the share is
// held (fit_jpeg's encoder buffers), taken in the same share so no worker waits twice.
Result<BudgetShare> admit_decode(Format format, std::span<const unsigned char> bytes, Size stored, Size target,
                                 const DecodeControl& control, std::uint64_t extra_bytes = 0);

}  // namespace bmx::image
