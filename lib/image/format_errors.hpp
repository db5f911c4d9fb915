// The decode errors the header parsers and the stb decoder share, worded once.
#pragma once

#include "core/result.hpp"
#include "image/format.hpp"

namespace bmx::image {

// "truncated PNG: data ends early", stage decode.
Error truncated_image(Format format);

}  // namespace bmx::image
