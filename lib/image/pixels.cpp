// Allocates pixel buffers without the cost of zeroing them.
#include "image/pixels.hpp"

namespace bmx::image {

Pixels Pixels::allocate(int width, int height, int channels) {
    Pixels pixels{width, height, channels};
    auto memory = std::make_unique_for_overwrite<unsigned char[]>(pixels.size_bytes());
    pixels.data = PixelStorage(memory.release(), [](unsigned char* p) { delete[] p; });
    return pixels;
}

}  // namespace bmx::image
