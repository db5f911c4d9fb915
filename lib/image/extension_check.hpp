// extension_warning: notices a file name whose extension says another format than its content.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "image/format.hpp"

namespace bmx::image {

// "file extension .png does not match its content (JPEG)", or nullopt when the extension
// fits the content or there is none. A warning, not a failure: the content decides.
std::optional<std::string> extension_warning(const std::filesystem::path& path, Format content);

}  // namespace bmx::image
