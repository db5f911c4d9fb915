// EXIF orientation as a pixel remap; run on the thumbnail, where it costs almost nothing.
#include "image/orient.hpp"

#include <cstring>

#include "image/exif_orientation.hpp"

namespace bmx::image {
namespace {

struct Point {
    int x;
    int y;
};

// Where displayed pixel (x, y) is stored, for an image stored as width x height.
Point stored_position(int orientation, int x, int y, int width, int height) {
    switch (orientation) {
        case 2: return {width - 1 - x, y};
        case 3: return {width - 1 - x, height - 1 - y};
        case 4: return {x, height - 1 - y};
        case 5: return {y, x};
        case 6: return {y, height - 1 - x};
        case 7: return {width - 1 - y, height - 1 - x};
        case 8: return {width - 1 - y, x};
        default: return {x, y};
    }
}

}  // namespace

Pixels apply_orientation(Pixels image, int orientation) {
    if (orientation < 2 || orientation > 8) return image;
    const bool swap = orientation_swaps_axes(orientation);
    Pixels shown = Pixels::allocate(swap ? image.height : image.width, swap ? image.width : image.height, image.channels);
    const auto channels = static_cast<std::size_t>(image.channels);
    for (int y = 0; y < shown.height; ++y) {
        unsigned char* out = shown.row(y);
        for (int x = 0; x < shown.width; ++x, out += channels) {
            const Point from = stored_position(orientation, x, y, image.width, image.height);
            std::memcpy(out, image.row(from.y) + from.x * channels, channels);
        }
    }
    return shown;
}

}  // namespace bmx::image
