// The photo-like fixture behind --fit's tests and figures: structure a JPEG keeps, grain it pays for.
#include "support/camera_photo.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace bmx::testing {
namespace {

// xorshift32: fast enough for 12 MP at -O1, and the same sequence everywhere.
struct Grain {
    std::uint32_t state;
    int next(int amplitude) {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        // Two uniforms summed: a triangular spread, closer to sensor noise than a flat one.
        const int a = static_cast<int>(state & 0xff), b = static_cast<int>((state >> 8) & 0xff);
        return (a + b - 255) * amplitude / 255;
    }
};

unsigned char clamp_level(int value) { return static_cast<unsigned char>(std::clamp(value, 0, 255)); }

struct Book {
    double x0, y0, x1, y1;  // as fractions of the image
    Rgb colour;
};

// The scene's colour at (fx, fy), both in [0, 1).
Rgb scene(double fx, double fy, int variant) {
    const Book books[] = {
        {0.10, 0.30, 0.28, 0.92, Rgb{150, 40, 35}},
        {0.30, 0.25, 0.42, 0.92, Rgb{40, 70, 120}},
        {0.46, 0.40, 0.80, 0.70, Rgb{200, 170, 90}},
    };
    for (const Book& book : books)
        if (fx >= book.x0 && fx < book.x1 && fy >= book.y0 && fy < book.y1) {
            // Tooling lines across the spine, a detail a downscale blurs.
            const int stripe = (static_cast<int>(fy * 400) % 9 == 0) ? -40 : 0;
            return {clamp_level(book.colour.r + stripe), clamp_level(book.colour.g + stripe),
                    clamp_level(book.colour.b + stripe)};
        }
    if (fy < 0.35) {  // a wall with a soft gradient
        const int shade = static_cast<int>(60 * fy) + variant * 7 % 30;
        return {clamp_level(200 - shade), clamp_level(190 - shade), clamp_level(170 - shade)};
    }
    // A wooden table: a slow wave of grain along x.
    const double wave = std::sin(fx * 90.0 + std::sin(fy * 13.0) * 3.0 + variant);
    const int wood = static_cast<int>(25 * wave);
    return {clamp_level(140 + wood), clamp_level(95 + wood), clamp_level(60 + wood / 2)};
}

}  // namespace

TestImage camera_photo(int width, int height, int variant, int grain) {
    TestImage image{width, height, 3, Bytes(static_cast<std::size_t>(width) * height * 3)};
    Grain noise{0x9e3779b9u ^ static_cast<std::uint32_t>(variant * 2654435761u)};
    if (noise.state == 0) noise.state = 1;
    for (int y = 0; y < height; ++y) {
        const double fy = static_cast<double>(y) / height;
        for (int x = 0; x < width; ++x) {
            const Rgb base = scene(static_cast<double>(x) / width, fy, variant);
            const int luma = noise.next(grain);
            unsigned char* pixel = image.at(x, y);
            pixel[0] = clamp_level(base.r + luma + noise.next(grain / 3));
            pixel[1] = clamp_level(base.g + luma);
            pixel[2] = clamp_level(base.b + luma + noise.next(grain / 3));
        }
    }
    return image;
}

Bytes camera_jpeg(int width, int height, int variant, int grain) {
    return encode_jpeg(camera_photo(width, height, variant, grain), 95);
}

}  // namespace bmx::testing
