// The order a batch leaves a book's images in: what is wanted, whether the server already holds
// it, and reading the server's image list. Pure functions; the pipeline makes the requests.
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

// The wanted order: the primary first (if any), then the book's other images that are not part of
// this batch, in their present order, then the batch's images in input order. `batch_ids` is in
// input order and may repeat (copies share an id); ids not on the book are left out.
std::vector<long long> wanted_order(const std::vector<ListedImage>& listing, const std::vector<long long>& batch_ids,
                                    std::optional<long long> primary);

// True when the listing holds exactly `wanted` in that order with strictly increasing
// display_order, and `primary` is the only primary image (or, without one, none is primary).
bool listing_holds(const std::vector<ListedImage>& listing, const std::vector<long long>& wanted,
                   std::optional<long long> primary);

// The book's primary image in the listing, if it has one.
std::optional<long long> current_primary(const std::vector<ListedImage>& listing);

}  // namespace bmx::upload
