// Format: the image formats the thumbnail engine decodes, with their human names and file extensions.
#pragma once

#include <span>
#include <string_view>

namespace bmx::image {

enum class Format { jpeg, png, gif, bmp, webp, psd, pnm, hdr, pic };

// The name people and the status JSON use: "JPEG", "PNG", ...
std::string_view format_name(Format format);

// Lower-case extensions, with the dot, that people give files of this format.
std::span<const std::string_view> format_extensions(Format format);

}  // namespace bmx::image
