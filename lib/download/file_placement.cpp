// Writes a downloaded image through a temporary file and a rename, comparing what the name already holds.
#include "download/file_placement.hpp"

#include <fmt/format.h>

#include "core/file_read.hpp"
#include "core/file_write.hpp"
#include "core/sha256.hpp"

namespace bmx::download {

namespace file_placement {

// The largest existing file compared by content: an image over this is not one we wrote.
constexpr std::size_t max_compared_bytes = std::size_t{4} << 30;

}  // namespace file_placement

Result<Placed> place_file(const PlacedFile& file, Overwrite overwrite) {
    std::error_code error;
    const bool exists = std::filesystem::exists(std::filesystem::symlink_status(file.path, error));
    if (exists) {
        auto existing = read_small_file(file.path, file_placement::max_compared_bytes);
        if (existing) {
            auto existing_sha = sha256_hex(*existing);
            if (existing_sha && *existing_sha == file.sha256) return Placed::already_there;
            if (existing_sha && overwrite == Overwrite::refuse)
                return make_error(Stage::write,
                                  fmt::format("{} already holds other content (sha256 {}) than image {} (sha256 {}); "
                                              "it is kept (--force replaces it)",
                                              file.path.string(), *existing_sha, file.image_id, file.sha256));
        } else if (overwrite == Overwrite::refuse) {
            return make_error(Stage::write, fmt::format("{} already exists and cannot be compared with image {}: {}; "
                                                        "it is kept (--force replaces it)",
                                                        file.path.string(), file.image_id, existing.error().message));
        }
    }
    // A hidden temporary name beside the final one, so two runs never write the same one.
    if (auto wrote = replace_file(file.path, file.bytes, 0644); !wrote) return wrote.take_error();
    return Placed::written;
}

}  // namespace bmx::download
