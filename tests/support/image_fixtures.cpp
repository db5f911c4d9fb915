// Image fixtures made by code (no binary blobs): small valid images of each format the API takes.
#include "support/image_fixtures.hpp"

#include <algorithm>
#include <random>
#include <stdexcept>
#include <vector>

#include <stb_image_write.h>
#include <webp/encode.h>

namespace bmx::testing {
namespace {
void append_to_string(void* context, void* data, int size) {
    static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
}

std::vector<unsigned char> test_pattern(int width, int height, int variant) {
    std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * height * 3);
    std::mt19937 random(static_cast<unsigned>(variant) * 7919u + 1u);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            auto* p = &pixels[(static_cast<std::size_t>(y) * width + x) * 3];
            p[0] = static_cast<unsigned char>((x * 255) / std::max(1, width - 1));
            p[1] = static_cast<unsigned char>((y * 255) / std::max(1, height - 1));
            p[2] = static_cast<unsigned char>((variant * 37 + random() % 16) & 0xff);
        }
    return pixels;
}

std::string tiny_gif() {
    // A 1x1 GIF89a with a two-colour palette.
    static const unsigned char bytes[] = {'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, 0x80, 0, 0, 255, 0, 0, 0, 0, 255,
                                          0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 0x01, 0, 0x3b};
    return std::string(reinterpret_cast<const char*>(bytes), sizeof bytes);
}
}  // namespace

std::string make_image_bytes(const std::string& kind, int width, int height, int variant) {
    auto pixels = test_pattern(width, height, variant);
    std::string out;
    if (kind == "jpeg") stbi_write_jpg_to_func(append_to_string, &out, width, height, 3, pixels.data(), 90);
    else if (kind == "png") stbi_write_png_to_func(append_to_string, &out, width, height, 3, pixels.data(), width * 3);
    else if (kind == "bmp") stbi_write_bmp_to_func(append_to_string, &out, width, height, 3, pixels.data());
    else if (kind == "gif") out = tiny_gif();
    else if (kind == "webp") {
        uint8_t* encoded = nullptr;
        size_t size = WebPEncodeRGB(pixels.data(), width, height, width * 3, 80.0f, &encoded);
        out.assign(reinterpret_cast<const char*>(encoded), size);
        WebPFree(encoded);
    }
    if (out.empty()) throw std::runtime_error("cannot make a " + kind + " image");
    return out;
}

}  // namespace bmx::testing
