// Reads a PNG's IHDR and walks its chunks; the arithmetic of the filtered scanlines, Adam7 included.
#include "image/png_layout.hpp"

#include <array>

#include <fmt/format.h>

#include "image/byte_reader.hpp"
#include "image/format_errors.hpp"

namespace bmx::image {
namespace {

constexpr std::size_t signature_bytes = 8;

struct Chunk {
    std::size_t type_at = 0;
    std::span<const unsigned char> data;
};

// Visits chunks from the first until IEND, a chunk that does not fit, or visit answers false.
// Each step moves forward by at least 12 bytes, so the walk ends within size / 12 steps.
void walk_chunks(const ByteReader& in, const std::function<bool(const Chunk&)>& visit) {
    std::size_t at = signature_bytes;
    for (;;) {
        const auto length = in.u32(at);
        if (!length || !in.slice(at + 4, 4) || in.starts_with(at + 4, "IEND")) return;
        const auto data = in.slice(at + 8, *length);
        if (!data) return;
        if (!visit(Chunk{at + 4, *data})) return;
        at += 12 + std::size_t{*length};
    }
}

bool valid_depth(int colour_type, int depth) {
    switch (colour_type) {
        case 0: return depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
        case 3: return depth == 1 || depth == 2 || depth == 4 || depth == 8;
        case 2:
        case 4:
        case 6: return depth == 8 || depth == 16;
        default: return false;
    }
}

// Rows of `width` pixels, `height` of them, each with its filter byte.
std::uint64_t filtered_bytes(std::uint64_t width, std::uint64_t height, std::uint64_t bits_per_pixel) {
    if (width == 0 || height == 0) return 0;
    return height * (1 + (width * bits_per_pixel + 7) / 8);
}

Error corrupt_png(std::string_view what) { return make_error(Stage::decode, fmt::format("corrupt PNG: {}", what)); }

}  // namespace

int PngLayout::samples() const {
    switch (colour_type) {
        case 2: return 3;
        case 4: return 2;
        case 6: return 4;
        default: return 1;
    }
}

std::string PngLayout::describe() const {
    static constexpr std::array<const char*, 7> names{"grey", "", "RGB", "palette", "grey+alpha", "", "RGBA"};
    const char* name = colour_type >= 0 && colour_type < 7 ? names[static_cast<std::size_t>(colour_type)] : "";
    return fmt::format("{}-bit {}{}", bit_depth, name, interlaced ? ", interlaced" : "");
}

Result<PngLayout> read_png_layout(std::span<const unsigned char> bytes) {
    const ByteReader in(bytes);
    const auto width = in.u32(16);
    const auto height = in.u32(20);
    const auto depth = in.u8(24);
    const auto colour = in.u8(25);
    const auto interlace = in.u8(28);
    if (!width || !height || !depth || !colour || !interlace) return truncated_image(Format::png);
    if (!in.starts_with(12, "IHDR")) return corrupt_png("the first chunk is not IHDR");
    if (!valid_depth(*colour, *depth))
        return corrupt_png(fmt::format("bit depth {} with colour type {}", *depth, *colour));
    if (*interlace > 1) return corrupt_png(fmt::format("unknown interlace method {}", *interlace));
    PngLayout layout{*width, *height, *depth, *colour, *interlace == 1, false, 0};
    bool seen_idat = false;
    walk_chunks(in, [&](const Chunk& chunk) {
        if (in.starts_with(chunk.type_at, "IDAT")) {
            seen_idat = true;
            layout.idat_bytes += chunk.data.size();
        } else if (in.starts_with(chunk.type_at, "tRNS") && !seen_idat) {
            layout.has_transparency = true;
        }
        return true;
    });
    return layout;
}

void for_each_idat(std::span<const unsigned char> bytes,
                   const std::function<bool(std::span<const unsigned char>)>& on_idat) {
    const ByteReader in(bytes);
    walk_chunks(in, [&](const Chunk& chunk) {
        if (!in.starts_with(chunk.type_at, "IDAT")) return true;
        return on_idat(chunk.data);
    });
}

std::uint64_t png_inflated_bytes(const PngLayout& layout) {
    const std::uint64_t bits_per_pixel = static_cast<std::uint64_t>(layout.samples()) * layout.bit_depth;
    if (!layout.interlaced) return filtered_bytes(layout.width, layout.height, bits_per_pixel);
    // Adam7: each pass's first column and row, and its steps across and down.
    struct Pass {
        std::uint64_t x0, y0, dx, dy;
    };
    static constexpr std::array<Pass, 7> passes{{{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4},
                                                 {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}}};
    std::uint64_t total = 0;
    for (const Pass& pass : passes) {
        const std::uint64_t w = layout.width > pass.x0 ? (layout.width - pass.x0 + pass.dx - 1) / pass.dx : 0;
        const std::uint64_t h = layout.height > pass.y0 ? (layout.height - pass.y0 + pass.dy - 1) / pass.dy : 0;
        total += filtered_bytes(w, h, bits_per_pixel);
    }
    return total;
}

}  // namespace bmx::image
