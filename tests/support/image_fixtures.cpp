// Builds the test images in memory.
#include "support/image_fixtures.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <random>
#include <stdexcept>

#include <stb/stb_image_write.h>
#include <turbojpeg.h>
#include <webp/encode.h>

namespace bmx::testing {
namespace {

void put_be32(Bytes& out, std::uint32_t value) {
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<unsigned char>(value >> shift));
}
void put_le16(Bytes& out, unsigned value) {
    out.push_back(static_cast<unsigned char>(value & 0xFF));
    out.push_back(static_cast<unsigned char>(value >> 8));
}
void put_be16(Bytes& out, unsigned value) {
    out.push_back(static_cast<unsigned char>(value >> 8));
    out.push_back(static_cast<unsigned char>(value & 0xFF));
}
void append(Bytes& out, std::string_view text) { out.insert(out.end(), text.begin(), text.end()); }

// Builders start from a reserved buffer: growing a vector from a few bytes trips GCC 12's
// false -Warray-bounds/-Wstringop-overflow reports.
Bytes start(std::initializer_list<unsigned char> first) {
    Bytes out;
    out.reserve(4096);
    out.insert(out.end(), first);
    return out;
}

void collect(void* context, void* data, int size) {
    auto* out = static_cast<Bytes*>(context);
    const auto* bytes = static_cast<const unsigned char*>(data);
    out->insert(out->end(), bytes, bytes + size);
}

std::uint32_t crc32(const unsigned char* data, std::size_t length, std::uint32_t crc = 0) {
    crc = ~crc;
    for (std::size_t i = 0; i < length; ++i) {
        crc ^= data[i];
        for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

void put_png_chunk(Bytes& out, std::string_view type, const Bytes& data) {
    put_be32(out, static_cast<std::uint32_t>(data.size()));
    Bytes typed = start({});
    append(typed, type);
    typed.insert(typed.end(), data.begin(), data.end());
    out.insert(out.end(), typed.begin(), typed.end());
    put_be32(out, crc32(typed.data(), typed.size()));
}

// zlib with uncompressed ("stored") deflate blocks: valid, simple, no compressor needed.
Bytes zlib_stored(const Bytes& raw) {
    Bytes out = start({0x78, 0x01});
    std::size_t at = 0;
    do {
        const std::size_t length = std::min<std::size_t>(65535, raw.size() - at);
        out.push_back(at + length == raw.size() ? 1 : 0);
        put_le16(out, static_cast<unsigned>(length));
        put_le16(out, static_cast<unsigned>(~length & 0xFFFF));
        out.insert(out.end(), raw.begin() + static_cast<long>(at), raw.begin() + static_cast<long>(at + length));
        at += length;
    } while (at < raw.size());
    std::uint32_t a = 1, b = 0;
    for (unsigned char byte : raw) {
        a = (a + byte) % 65521;
        b = (b + a) % 65521;
    }
    put_be32(out, b << 16 | a);
    return out;
}

Bytes png_ihdr(std::uint32_t width, std::uint32_t height, unsigned char colour_type) {
    Bytes ihdr = start({});
    put_be32(ihdr, width);
    put_be32(ihdr, height);
    ihdr.push_back(8);  // bit depth
    ihdr.push_back(colour_type);
    ihdr.push_back(0);
    ihdr.push_back(0);
    ihdr.push_back(0);
    return ihdr;
}

struct TjDestroy {
    void operator()(void* handle) const { tjDestroy(handle); }
};

Bytes tj_compress(const unsigned char* pixels, int width, int height, int format, int subsampling, int quality,
                  int flags = 0) {
    std::unique_ptr<void, TjDestroy> handle(tjInitCompress());
    unsigned char* out = nullptr;
    unsigned long size = 0;
    if (tjCompress2(handle.get(), pixels, width, 0, height, format, &out, &size, subsampling, quality, flags) != 0)
        throw std::runtime_error(tjGetErrorStr2(handle.get()));
    Bytes jpeg(out, out + size);
    tjFree(out);
    return jpeg;
}

// GIF LZW with 3-bit codes for a 4-colour table: a clear code before every two pixels keeps
// the code width from ever growing, which makes the encoder trivial.
Bytes gif_lzw(const Bytes& indices) {
    constexpr unsigned clear = 4, end = 5, width = 3;
    Bytes packed;
    std::uint32_t buffer = 0;
    unsigned bits = 0;
    auto emit = [&](unsigned code) {
        buffer |= code << bits;
        bits += width;
        while (bits >= 8) {
            packed.push_back(static_cast<unsigned char>(buffer & 0xFF));
            buffer >>= 8;
            bits -= 8;
        }
    };
    for (std::size_t i = 0; i < indices.size(); ++i) {
        if (i % 2 == 0) emit(clear);
        emit(indices[i]);
    }
    emit(end);
    if (bits > 0) packed.push_back(static_cast<unsigned char>(buffer & 0xFF));
    Bytes blocks = start({2});  // LZW minimum code size
    for (std::size_t at = 0; at < packed.size(); at += 255) {
        const std::size_t length = std::min<std::size_t>(255, packed.size() - at);
        blocks.push_back(static_cast<unsigned char>(length));
        blocks.insert(blocks.end(), packed.begin() + static_cast<long>(at), packed.begin() + static_cast<long>(at + length));
    }
    blocks.push_back(0);
    return blocks;
}

}  // namespace

TestImage TestImage::filled(int width, int height, Rgb colour) {
    TestImage image{width, height, 3, Bytes(static_cast<std::size_t>(width) * height * 3)};
    image.fill_rect(0, 0, width, height, colour);
    return image;
}

TestImage TestImage::filled_rgba(int width, int height, Rgb colour, unsigned char alpha) {
    TestImage image{width, height, 4, Bytes(static_cast<std::size_t>(width) * height * 4)};
    for (std::size_t i = 0; i < image.pixels.size(); i += 4) {
        image.pixels[i] = colour.r;
        image.pixels[i + 1] = colour.g;
        image.pixels[i + 2] = colour.b;
        image.pixels[i + 3] = alpha;
    }
    return image;
}

TestImage TestImage::filled_grey(int width, int height, unsigned char value, int channels) {
    TestImage image{width, height, channels, Bytes(static_cast<std::size_t>(width) * height * channels, value)};
    if (channels == 2)
        for (std::size_t i = 1; i < image.pixels.size(); i += 2) image.pixels[i] = 255;
    return image;
}

void TestImage::fill_rect(int x0, int y0, int w, int h, Rgb colour) {
    for (int y = y0; y < y0 + h; ++y)
        for (int x = x0; x < x0 + w; ++x) {
            unsigned char* pixel = at(x, y);
            pixel[0] = colour.r;
            pixel[1] = colour.g;
            pixel[2] = colour.b;
        }
}

Bytes encode_png(const TestImage& image) {
    Bytes out;
    stbi_write_png_to_func(collect, &out, image.width, image.height, image.channels, image.pixels.data(),
                           image.width * image.channels);
    return out;
}

Bytes encode_bmp(const TestImage& image) {
    Bytes out;
    stbi_write_bmp_to_func(collect, &out, image.width, image.height, image.channels, image.pixels.data());
    return out;
}

Bytes encode_jpeg(const TestImage& image, int quality) {
    if (image.channels == 1) return tj_compress(image.pixels.data(), image.width, image.height, TJPF_GRAY, TJSAMP_GRAY, quality);
    return tj_compress(image.pixels.data(), image.width, image.height, TJPF_RGB, TJSAMP_420, quality);
}

Bytes encode_progressive_jpeg(const TestImage& image, int quality) {
    return tj_compress(image.pixels.data(), image.width, image.height, TJPF_RGB, TJSAMP_420, quality, TJFLAG_PROGRESSIVE);
}

Bytes encode_cmyk_jpeg(int width, int height, const unsigned char cmyk[4]) {
    Bytes pixels;
    for (int i = 0; i < width * height; ++i) pixels.insert(pixels.end(), cmyk, cmyk + 4);
    return tj_compress(pixels.data(), width, height, TJPF_CMYK, TJSAMP_444, 95);
}

Bytes encode_webp_lossless(const TestImage& image) {
    uint8_t* out = nullptr;
    const std::size_t size =
        image.channels == 4
            ? WebPEncodeLosslessRGBA(image.pixels.data(), image.width, image.height, image.width * 4, &out)
            : WebPEncodeLosslessRGB(image.pixels.data(), image.width, image.height, image.width * 3, &out);
    Bytes webp(out, out + size);
    WebPFree(out);
    return webp;
}

Bytes encode_webp_lossy(const TestImage& image, float quality) {
    uint8_t* out = nullptr;
    const std::size_t size = WebPEncodeRGB(image.pixels.data(), image.width, image.height, image.width * 3, quality, &out);
    Bytes webp(out, out + size);
    WebPFree(out);
    return webp;
}

Bytes build_palette_png(int width, int height, const std::vector<Rgb>& palette, const Bytes& indices,
                        const Bytes& alpha) {
    Bytes png = start({0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
    put_png_chunk(png, "IHDR", png_ihdr(static_cast<std::uint32_t>(width), static_cast<std::uint32_t>(height), 3));
    Bytes plte;
    for (const auto& colour : palette) plte.insert(plte.end(), {colour.r, colour.g, colour.b});
    put_png_chunk(png, "PLTE", plte);
    if (!alpha.empty()) put_png_chunk(png, "tRNS", alpha);
    Bytes raw;
    for (int y = 0; y < height; ++y) {
        raw.push_back(0);  // filter: none
        raw.insert(raw.end(), indices.begin() + y * width, indices.begin() + (y + 1) * width);
    }
    put_png_chunk(png, "IDAT", zlib_stored(raw));
    put_png_chunk(png, "IEND", {});
    return png;
}

Bytes png_header_only(std::uint32_t width, std::uint32_t height) {
    Bytes png = start({0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
    put_png_chunk(png, "IHDR", png_ihdr(width, height, 2));
    return png;
}

Bytes build_gif(int width, int height, const std::vector<Rgb>& palette, const std::vector<Bytes>& frames) {
    Bytes gif = start({'G', 'I', 'F', '8', '9', 'a'});
    put_le16(gif, static_cast<unsigned>(width));
    put_le16(gif, static_cast<unsigned>(height));
    gif.push_back(0x80 | 0x10 | 0x01);  // global colour table of 4 entries
    gif.push_back(0);                   // background index
    gif.push_back(0);                   // aspect ratio
    for (std::size_t i = 0; i < 4; ++i) {
        const Rgb colour = i < palette.size() ? palette[i] : Rgb{};
        gif.insert(gif.end(), {colour.r, colour.g, colour.b});
    }
    for (const auto& frame : frames) {
        gif.push_back(0x2C);  // image descriptor
        put_le16(gif, 0);
        put_le16(gif, 0);
        put_le16(gif, static_cast<unsigned>(width));
        put_le16(gif, static_cast<unsigned>(height));
        gif.push_back(0);
        const Bytes data = gif_lzw(frame);
        gif.insert(gif.end(), data.begin(), data.end());
    }
    gif.push_back(0x3B);
    return gif;
}

Bytes jpeg_header_only(std::uint16_t width, std::uint16_t height) {
    Bytes jpeg = start({0xFF, 0xD8, 0xFF, 0xC0});
    put_be16(jpeg, 17);
    jpeg.push_back(8);
    put_be16(jpeg, height);
    put_be16(jpeg, width);
    jpeg.push_back(3);
    for (unsigned char id = 1; id <= 3; ++id) jpeg.insert(jpeg.end(), {id, static_cast<unsigned char>(id == 1 ? 0x22 : 0x11), 0});
    return jpeg;
}

Bytes exif_app1(int orientation, bool big_endian) {
    Bytes tiff = start({});
    auto u16 = [&](unsigned value) { big_endian ? put_be16(tiff, value) : put_le16(tiff, value); };
    auto u32 = [&](std::uint32_t value) {
        if (big_endian) return put_be32(tiff, value);
        put_le16(tiff, value & 0xFFFF);
        put_le16(tiff, value >> 16);
    };
    append(tiff, big_endian ? "MM" : "II");
    u16(42);
    u32(8);       // IFD0 right after the header
    u16(1);       // one entry
    u16(0x0112);  // Orientation
    u16(3);       // SHORT
    u32(1);
    u16(static_cast<unsigned>(orientation));
    u16(0);  // padding of the 4-byte value field
    u32(0);  // no next IFD
    Bytes segment = start({0xFF, 0xE1});
    put_be16(segment, static_cast<unsigned>(2 + 6 + tiff.size()));
    segment.insert(segment.end(), {'E', 'x', 'i', 'f', 0, 0});
    segment.insert(segment.end(), tiff.begin(), tiff.end());
    return segment;
}

Bytes with_segment_after_soi(const Bytes& jpeg, const Bytes& segment) {
    Bytes out = start({jpeg[0], jpeg[1]});
    out.insert(out.end(), segment.begin(), segment.end());
    out.insert(out.end(), jpeg.begin() + 2, jpeg.end());
    return out;
}

TestImage gradient(int width, int height, int variant) {
    TestImage image{width, height, 3, Bytes(static_cast<std::size_t>(width) * height * 3)};
    std::mt19937 random(static_cast<unsigned>(variant) * 7919u + 1u);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            unsigned char* pixel = image.at(x, y);
            pixel[0] = static_cast<unsigned char>((x * 255) / std::max(1, width - 1));
            pixel[1] = static_cast<unsigned char>((y * 255) / std::max(1, height - 1));
            pixel[2] = static_cast<unsigned char>((variant * 37 + random() % 16) & 0xff);
        }
    return image;
}

std::string make_image_bytes(const std::string& kind, int width, int height, int variant) {
    const TestImage image = gradient(width, height, variant);
    Bytes bytes;
    if (kind == "jpeg") bytes = encode_jpeg(image, 90);
    else if (kind == "png") bytes = encode_png(image);
    else if (kind == "bmp") bytes = encode_bmp(image);
    else if (kind == "webp") bytes = encode_webp_lossy(image, 80);
    else if (kind == "gif") {
        Bytes indices(static_cast<std::size_t>(width) * height);
        for (std::size_t i = 0; i < indices.size(); ++i) indices[i] = static_cast<unsigned char>((i + variant) % 4);
        bytes = build_gif(width, height, {red, blue, grey, Rgb{255, 255, 255}}, {indices});
    }
    if (bytes.empty()) throw std::runtime_error("cannot make a " + kind + " image");
    return std::string(bytes.begin(), bytes.end());
}

TestImage decode_jpeg_rgb(std::span<const unsigned char> jpeg) {
    std::unique_ptr<void, TjDestroy> handle(tjInitDecompress());
    int width = 0, height = 0, subsampling = 0, colourspace = 0;
    if (tjDecompressHeader3(handle.get(), jpeg.data(), jpeg.size(), &width, &height, &subsampling, &colourspace) != 0)
        throw std::runtime_error(tjGetErrorStr2(handle.get()));
    TestImage image{width, height, 3, Bytes(static_cast<std::size_t>(width) * height * 3)};
    if (tjDecompress2(handle.get(), jpeg.data(), jpeg.size(), image.pixels.data(), width, 0, height, TJPF_RGB, 0) != 0)
        throw std::runtime_error(tjGetErrorStr2(handle.get()));
    return image;
}

Colour classify(const TestImage& rgb, int x, int y) {
    const unsigned char* p = rgb.pixels.data() + (static_cast<std::size_t>(y) * rgb.width + x) * 3;
    const int r = p[0], g = p[1], b = p[2];
    if (r > 180 && g < 90 && b < 90) return Colour::red;
    if (b > 180 && r < 90 && g < 90) return Colour::blue;
    if (r > 240 && g > 240 && b > 240) return Colour::white;
    if (std::abs(r - 128) < 30 && std::abs(g - 128) < 30 && std::abs(b - 128) < 30) return Colour::grey;
    return Colour::other;
}

void write_bytes(const std::filesystem::path& path, std::span<const unsigned char> bytes) {
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw std::runtime_error("cannot write " + path.string());
}

Bytes as_bytes(std::string_view text) { return Bytes(text.begin(), text.end()); }

}  // namespace bmx::testing
