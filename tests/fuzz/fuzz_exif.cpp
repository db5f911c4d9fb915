// libFuzzer target: the EXIF orientation reader over arbitrary APP1 payloads.
#include <cstddef>
#include <cstdint>
#include <span>

#include "image/exif_orientation.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto orientation = bmx::image::exif_orientation(std::span<const unsigned char>(data, size));
    if (orientation) (void)bmx::image::orientation_swaps_axes(*orientation);
    return 0;
}
