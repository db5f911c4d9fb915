// The peak memory of each decoder we call, modelled from its source (stb_image 2.27, libjpeg-turbo
// 2.1, libwebp 1.2) and our own buffers after it (flatten onto white, the resized copy).
#include "image/decode_memory.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <webp/decode.h>

#include "image/jpeg_markers.hpp"
#include "image/jpeg_scale.hpp"
#include "image/png_layout.hpp"

namespace bmx::image {
namespace {

std::uint64_t pixels_of(Size size) { return static_cast<std::uint64_t>(size.width) * static_cast<std::uint64_t>(size.height); }

// Ours after any decoder but JPEG: an RGBA image is flattened into a new RGB one while it
// is still held, then resized into the target.
std::uint64_t after_decode(std::uint64_t pixels, int channels, Size target) {
    return pixels * channels + (channels == 4 ? pixels * 3 : 0) + pixels_of(target) * 3;
}

// libjpeg-turbo at the chosen scale: our RGB buffer (rows land in it directly), and for an
// image with several scans (progressive, or components in separate scans) its whole-image
// coefficient buffer at full size. A baseline file needs only a few rows of libjpeg's own.
std::uint64_t jpeg_bytes(const JpegHeader& header, Size stored, Size target) {
    const Size decoded = scaled_size(stored, choose_jpeg_scale(stored, target));
    std::uint64_t bytes = pixels_of(decoded) * 3 + pixels_of(target) * 3;
    if (header.multi_scan()) bytes += static_cast<std::uint64_t>(header.coefficient_bytes);
    return bytes;
}

// stb_image's PNG path, in the order it allocates (stbi__parse_png_file, stbi__do_png,
// stbi__load_and_postprocess_8bit); the peak is the largest of these moments:
//   inflating: the compressed data (grown by doubling, up to 2x) and the inflated rows (stb
//     guesses the non-interlaced size and doubles past it, so 2x for Adam7);
//   unfiltering: the inflated rows and the image at file depth (plus alpha with tRNS);
//   converting: palette to RGB(A), or channels to what we ask for, both buffers held;
//   16 to 8 bits: the 16-bit image and its 8-bit copy;
//   ours: the 8-bit image, flattened and resized.
std::uint64_t png_bytes(const PngLayout& png, Size target) {
    const std::uint64_t pixels = static_cast<std::uint64_t>(png.width) * png.height;
    const std::uint64_t sample_bytes = png.bit_depth == 16 ? 2 : 1;
    const int wanted = png.colour_type == 4 || png.colour_type == 6 || png.has_transparency ? 4 : 3;
    const std::uint64_t inflated = png_inflated_bytes(png) * (png.interlaced ? 2 : 1);
    const int at_depth_channels = png.colour_type == 3 ? 1 : png.samples() + (png.has_transparency ? 1 : 0);
    const std::uint64_t at_depth = pixels * at_depth_channels * sample_bytes;
    const std::uint64_t converted = pixels * wanted * sample_bytes;
    const std::uint64_t moments[] = {
        2 * png.idat_bytes + inflated,
        inflated + at_depth,
        at_depth + (at_depth_channels == wanted ? 0 : converted),
        sample_bytes == 2 ? converted + pixels * wanted : 0,
        after_decode(pixels, wanted, target),
    };
    return *std::max_element(std::begin(moments), std::end(moments));
}

// libwebp into our buffer (RGB or RGBA); lossless also keeps a 32-bit ARGB copy of the whole
// image; an animation goes through WebPAnimDecoder, which holds two RGBA canvases and a frame.
std::uint64_t webp_bytes(std::span<const unsigned char> bytes, Size stored, Size target) {
    const std::uint64_t pixels = pixels_of(stored);
    WebPBitstreamFeatures features;
    if (WebPGetFeatures(bytes.data(), bytes.size(), &features) != VP8_STATUS_OK) return after_decode(pixels, 4, target);
    if (features.has_animation) return pixels * 4 * 3 + after_decode(pixels, 4, target);
    const int channels = features.has_alpha ? 4 : 3;
    return (features.format == 2 ? pixels * 4 : 0) + after_decode(pixels, channels, target);
}

// The other stb_image formats, in bytes per pixel of stb's own buffers before ours:
//   GIF: RGBA canvas, RGBA background, one byte of history per pixel (9);
//   HDR: 32-bit float RGB, then the 8-bit copy (12 + 3, and a little for scanlines: 16);
//   PSD: 16 bits per channel RGBA at most, then the 8-bit copy (8 + 4);
//   PNM: 16-bit RGB when maxval > 255, then the 8-bit copy (6 + 3);
//   BMP, PIC: the RGBA image stb writes directly (4).
std::uint64_t stb_bytes_per_pixel(Format format) {
    switch (format) {
        case Format::gif: return 9;
        case Format::hdr: return 16;
        case Format::psd: return 12;
        case Format::pnm: return 9;
        case Format::bmp:
        case Format::pic:
        case Format::jpeg:
        case Format::png:
        case Format::webp: break;
    }
    return 4;
}

}  // namespace

DecodeCost decode_memory_bytes(Format format, std::span<const unsigned char> bytes, Size stored, Size target) {
    const std::string size = fmt::format("{}x{} {}", stored.width, stored.height, format_name(format));
    switch (format) {
        case Format::jpeg: {
            auto header = read_jpeg_header(bytes);
            if (!header) return {pixels_of(stored) * 3, size};
            return {jpeg_bytes(*header, stored, target),
                    fmt::format("{}{}", size, header->multi_scan() ? ", several scans" : "")};
        }
        case Format::png: {
            auto png = read_png_layout(bytes);
            if (!png) return {after_decode(pixels_of(stored), 4, target), size};
            return {png_bytes(*png, target), fmt::format("{}, {}", size, png->describe())};
        }
        case Format::webp: return {webp_bytes(bytes, stored, target), size};
        case Format::gif:
        case Format::bmp:
        case Format::psd:
        case Format::pnm:
        case Format::hdr:
        case Format::pic: break;
    }
    const std::uint64_t pixels = pixels_of(stored);
    return {std::max(pixels * stb_bytes_per_pixel(format), after_decode(pixels, 4, target)), size};
}

}  // namespace bmx::image
