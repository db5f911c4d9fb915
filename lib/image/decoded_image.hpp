// DecodedImage: decoded pixels plus the warnings the decoder had about the file.
#pragma once

#include <string>
#include <vector>

#include "image/pixels.hpp"

namespace bmx::image {

struct DecodedImage {
    Pixels pixels;  // 3 channels (RGB), or 4 (RGBA) when the image has alpha
    std::vector<std::string> warnings;
};

}  // namespace bmx::image
