// The pre-decode checks and the budget share, in the order that keeps a bomb cheap.
#include "image/decode_admission.hpp"

#include <algorithm>
#include <cstdint>

#include <fmt/format.h>

#include "image/decode_memory.hpp"
#include "image/png_inflate_check.hpp"
#include "image/png_layout.hpp"

namespace bmx::image {
namespace {

constexpr std::uint64_t mebibyte = 1024 * 1024;

std::uint64_t mib_rounded_up(std::uint64_t bytes) { return (bytes + mebibyte - 1) / mebibyte; }

Status check_png(std::span<const unsigned char> bytes, const CancelToken& cancel) {
    auto layout = read_png_layout(bytes);
    if (!layout) return layout.take_error();
    return check_png_inflate(bytes, *layout, cancel);
}

}  // namespace

Result<BudgetShare> admit_decode(Format format, std::span<const unsigned char> bytes, Size stored, Size target,
                                 const DecodeControl& control, std::uint64_t extra_bytes) {
    if (format == Format::png)
        if (auto checked = check_png(bytes, control.cancel); !checked) return checked.take_error();
    if (control.cancel.cancelled()) return make_error(Stage::cancelled, "cancelled before decoding");
    if (!control.budget) return BudgetShare{};
    DecodeCost cost = decode_memory_bytes(format, bytes, stored, target);
    cost.bytes = extra_bytes > UINT64_MAX - cost.bytes ? UINT64_MAX : cost.bytes + extra_bytes;
    // Always at least one byte, so even a tiny decode waits its turn behind a full budget.
    const std::size_t share = static_cast<std::size_t>(std::max<std::uint64_t>(cost.bytes, 1));
    switch (control.budget->acquire(share, control.cancel)) {
        case CountingBudget::Grant::granted: return BudgetShare(*control.budget, share);
        case CountingBudget::Grant::cancelled:
            return make_error(Stage::cancelled, "cancelled while waiting for decode memory");
        case CountingBudget::Grant::over_capacity: break;
    }
    return make_error(Stage::limits,
                      fmt::format("decoding this image ({}) needs about {} MiB, more than the whole {} MiB decode "
                                  "budget; raise it with --max-decode-mib {} or more",
                                  cost.what, mib_rounded_up(cost.bytes), control.budget->capacity() / mebibyte,
                                  mib_rounded_up(cost.bytes)));
}

}  // namespace bmx::image
