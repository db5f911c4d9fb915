// flatten_onto_white: composites an RGBA image onto a white background, giving RGB.
#pragma once

#include "image/pixels.hpp"

namespace bmx::image {

// Blends in sRGB values (out = a*c + (1-a)*255), as Pillow's paste with an alpha mask does
// on the server, so transparent areas match its thumbnails. RGB input is returned unchanged.
Pixels flatten_onto_white(Pixels image);

}  // namespace bmx::image
