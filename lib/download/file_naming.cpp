// Makes NN-NAME file names from the server's original_filename or s3_key.
#include "download/file_naming.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace bmx::download {

namespace file_naming {

// What is left of the text once it is safe: '/' and '\\' become '_', control bytes (and DEL) are
// dropped, and leading dots and spaces go, so the file is never hidden and never a path.
std::string made_safe(std::string_view text) {
    std::string safe;
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7F) continue;
        safe += (c == '/' || c == '\\') ? '_' : c;
    }
    const auto kept = safe.find_first_not_of(". ");
    return kept == std::string::npos ? std::string{} : safe.substr(kept);
}

std::string base_name(std::string_view key) {
    const auto slash = key.find_last_of('/');
    return std::string(slash == std::string_view::npos ? key : key.substr(slash + 1));
}

// File systems take 255 bytes a name; NN- and a temporary name's decoration need some room.
constexpr std::size_t max_name_bytes = 200;

}  // namespace file_naming

std::string safe_image_name(const upload::ListedImage& image) {
    std::string name;
    if (image.original_filename) name = file_naming::made_safe(*image.original_filename);
    if (name.empty() && image.s3_key) name = file_naming::made_safe(file_naming::base_name(*image.s3_key));
    if (name.empty()) name = fmt::format("image-{}", image.id);
    if (name.size() > file_naming::max_name_bytes) {
        std::size_t cut = file_naming::max_name_bytes;  // never inside a UTF-8 sequence
        while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;
        name.resize(cut);
    }
    return name;
}

std::string numbered_name(std::size_t place, std::size_t count, const std::string& name) {
    const std::size_t width = std::max<std::size_t>(2, std::to_string(count).size());
    return fmt::format("{:0{}}-{}", place, width, name);
}

std::vector<std::string> book_file_names(const std::vector<upload::ListedImage>& listing) {
    std::vector<std::string> names;
    for (std::size_t i = 0; i < listing.size(); ++i)
        names.push_back(numbered_name(i + 1, listing.size(), safe_image_name(listing[i])));
    return names;
}

}  // namespace bmx::download
