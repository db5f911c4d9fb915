// Whether a fetched body is an image: the answer's Content-Type and the bytes' own magic.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "image/format.hpp"

namespace bmx::download {

// The body's format, or stage "format" when the Content-Type is not image/* or the sniffer
// finds no image in the bytes (a CDN error page, a PDF stored by mistake).
Result<image::Format> check_image_body(const std::optional<std::string>& content_type, std::string_view body);

}  // namespace bmx::download
