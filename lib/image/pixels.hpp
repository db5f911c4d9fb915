// Pixels: an 8-bit interleaved pixel buffer, and Size, the width and height of one.
#pragma once

#include <cstddef>
#include <memory>

namespace bmx::image {

struct Size {
    int width = 0;
    int height = 0;
    bool operator==(const Size&) const = default;
};

// The pixel memory with its own way back to the allocator: ours (new[]) or a decoder's
// (stbi_image_free), so a decoder's buffer is adopted instead of copied.
using PixelStorage = std::unique_ptr<unsigned char[], void (*)(unsigned char*)>;

struct Pixels {
    int width = 0;
    int height = 0;
    int channels = 0;  // 3 = RGB, 4 = RGBA
    // Left uninitialised on purpose: every decoder writes every byte, and zeroing a
    // 12-MP buffer first costs a full extra pass over memory.
    PixelStorage data{nullptr, [](unsigned char*) {}};

    // Throws std::bad_alloc like any allocation; make_thumbnail turns that into an Error.
    static Pixels allocate(int width, int height, int channels);

    std::size_t row_bytes() const { return static_cast<std::size_t>(width) * channels; }
    std::size_t size_bytes() const { return row_bytes() * height; }
    unsigned char* row(int y) { return data.get() + row_bytes() * y; }
    const unsigned char* row(int y) const { return data.get() + row_bytes() * y; }
    Size size() const { return {width, height}; }
};

}  // namespace bmx::image
