// Image fixtures made by code at test time, for the unit and integration tests and the demo:
// images drawn in memory and encoded with stb_image_write, TurboJPEG and libwebp, or built
// byte by byte (GIF, palette PNG, EXIF segments) where no encoder at hand writes what a test needs.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace bmx::testing {

using Bytes = std::vector<unsigned char>;

struct Rgb {
    unsigned char r = 0, g = 0, b = 0;
};

inline constexpr Rgb red{230, 20, 20};
inline constexpr Rgb blue{20, 20, 230};
inline constexpr Rgb grey{128, 128, 128};

// An interleaved 8-bit image to encode: 1 (grey), 2 (grey+alpha), 3 (RGB) or 4 (RGBA) channels.
struct TestImage {
    int width = 0, height = 0, channels = 3;
    Bytes pixels;

    static TestImage filled(int width, int height, Rgb colour);
    static TestImage filled_rgba(int width, int height, Rgb colour, unsigned char alpha);
    static TestImage filled_grey(int width, int height, unsigned char value, int channels = 1);
    void fill_rect(int x, int y, int w, int h, Rgb colour);
    unsigned char* at(int x, int y) { return pixels.data() + (static_cast<std::size_t>(y) * width + x) * channels; }
};

Bytes encode_png(const TestImage& image);
Bytes encode_bmp(const TestImage& image);
Bytes encode_jpeg(const TestImage& image, int quality = 95);
Bytes encode_progressive_jpeg(const TestImage& image, int quality = 90);
// All pixels (C, M, Y, K) as given, compressed by TurboJPEG (which writes an Adobe marker).
Bytes encode_cmyk_jpeg(int width, int height, const unsigned char cmyk[4]);
Bytes encode_webp_lossless(const TestImage& image);
Bytes encode_webp_lossy(const TestImage& image, float quality = 90);

// A palette PNG (colour type 3), optionally with per-entry alpha (tRNS), zlib "stored" blocks.
Bytes build_palette_png(int width, int height, const std::vector<Rgb>& palette, const Bytes& indices,
                        const Bytes& alpha = {});
// Signature and IHDR only: declares a size, holds no pixels.
Bytes png_header_only(std::uint32_t width, std::uint32_t height);
// A GIF with a 4-colour table; one index plane per frame (each width x height).
Bytes build_gif(int width, int height, const std::vector<Rgb>& palette, const std::vector<Bytes>& frames);
// A JPEG's SOI plus a frame header declaring the size, nothing else.
Bytes jpeg_header_only(std::uint16_t width, std::uint16_t height);

// An APP1 EXIF segment (marker, length and payload) holding only Orientation.
Bytes exif_app1(int orientation, bool big_endian = true);
// The JPEG with that segment inserted right after SOI.
Bytes with_segment_after_soi(const Bytes& jpeg, const Bytes& segment);

// A photo-like gradient with a little noise; each `variant` has different pixels.
TestImage gradient(int width, int height, int variant);
// A valid image of the kind ("jpeg", "png", "webp", "bmp", "gif") holding gradient(width,
// height, variant), as the bytes of a file.
std::string make_image_bytes(const std::string& kind, int width, int height, int variant);

// Decodes a JPEG (a thumbnail under test) back to RGB.
TestImage decode_jpeg_rgb(std::span<const unsigned char> jpeg);

enum class Colour { red, blue, grey, white, other };
Colour classify(const TestImage& rgb, int x, int y);

void write_bytes(const std::filesystem::path& path, std::span<const unsigned char> bytes);
Bytes as_bytes(std::string_view text);

}  // namespace bmx::testing
