// Compares a file's extension with its sniffed format.
#include "image/extension_check.hpp"

#include <cctype>

#include <fmt/format.h>

namespace bmx::image {

std::optional<std::string> extension_warning(const std::filesystem::path& path, Format content) {
    std::string extension = path.extension().string();
    if (extension.empty()) return std::nullopt;
    for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (auto known : format_extensions(content))
        if (extension == known) return std::nullopt;
    return fmt::format("file extension {} does not match its content ({})", path.extension().string(),
                       format_name(content));
}

}  // namespace bmx::image
