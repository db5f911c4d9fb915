// The book's images as the server lists them: reading GET /books/{id}/images defensively.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace bmx::upload {

struct ListedImage {
    long long id = 0;
    std::optional<long long> display_order;
    bool is_primary = false;
    // What tells this image from another that later got the same id (the upload record checks them).
    std::optional<std::string> s3_key;
    std::optional<std::string> original_filename;
};

// GET /books/{id}/images: a JSON array of {id, display_order, is_primary, ...}, returned in the
// server's order sorted by display_order (ties by id, as a stable reading of the server's list).
// Entries without an integer id are left out with a warning. Stage reorder when it is not an array.
Result<std::vector<ListedImage>> parse_image_listing(std::string_view body, std::vector<std::string>& warnings);

// The book's primary image in the listing, if it has one.
std::optional<long long> current_primary(const std::vector<ListedImage>& listing);

}  // namespace bmx::upload
