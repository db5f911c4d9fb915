// The decode errors the header parsers and the stb decoder share.
#include "image/format_errors.hpp"

#include <fmt/format.h>

namespace bmx::image {

Error truncated_image(Format format) {
    return make_error(Stage::decode, fmt::format("truncated {}: data ends early", format_name(format)));
}

}  // namespace bmx::image
