// Image fixtures made by code: small valid images of the formats the API takes.
#pragma once

#include <string>

namespace bmx::testing {

// A valid image of the given kind ("jpeg", "png", "webp", "bmp", "gif"), with a photo-like
// gradient; `variant` changes the pixels so different variants have different content.
std::string make_image_bytes(const std::string& kind, int width, int height, int variant);

}  // namespace bmx::testing
