// Removes transparency by compositing onto white.
#include "image/flatten.hpp"

namespace bmx::image {

Pixels flatten_onto_white(Pixels image) {
    if (image.channels != 4) return image;
    Pixels flat = Pixels::allocate(image.width, image.height, 3);
    const unsigned char* in = image.data.get();
    unsigned char* out = flat.data.get();
    const std::size_t count = static_cast<std::size_t>(image.width) * image.height;
    for (std::size_t i = 0; i < count; ++i, in += 4, out += 3) {
        const int alpha = in[3];
        for (int c = 0; c < 3; ++c) out[c] = static_cast<unsigned char>((in[c] * alpha + 255 * (255 - alpha) + 127) / 255);
    }
    return flat;
}

}  // namespace bmx::image
