// Placing the book: the order a batch leaves the book's images in, whether the server's own
// numbering already gives it, and each image's place once a reorder is confirmed. Pure functions
// over the image list read before the batch and the upload answers; no request is made here.
//
// The rules (README "Placing the book", man page):
// - images already on the book keep their places, whether or not this batch sent them again;
// - new images go after them, in input order;
// - --arrange makes the batch's files, new or not, the book's first images in input order, the
//   book's other images following in their order;
// - --primary[=FILE] then moves that one image to the front and leaves the rest where they are.
// The server's reorder makes its first image primary, so a reorder always leads with the image
// that is to be primary: the chosen one, else the book's primary.
#pragma once

#include <map>
#include <optional>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "upload/book_order.hpp"

namespace bmx::upload {

enum class Arrangement { keep, arrange };

// One input file's part in placing the book.
struct PlacedFile {
    std::optional<long long> image_id;  // the image that stands for it, when it is stored
    bool is_primary_choice = false;     // --primary names this file
    bool sent_as_primary = false;       // its upload carried is_primary=true and created the image
};

struct PlacementInput {
    std::vector<ListedImage> book;   // the book's images before the batch, in listing order
    std::vector<PlacedFile> files;   // in input order
    Arrangement arrangement = Arrangement::keep;
    // The images this batch created, in the order the server numbered them, when that order is
    // certain (no two of their uploads overlapped); nullopt when it is not.
    std::optional<std::vector<long long>> created_in_order;
};

struct Position {
    long long display_order = 0;
    bool is_primary = false;
};

struct PlacementPlan {
    std::vector<long long> wanted;  // every image of the book, in the wanted order
    // True when the server's numbering cannot be shown to give `wanted`: one reorder is needed.
    bool needs_reorder = false;
    // Without a reorder: each image's place as the server numbered it.
    std::map<long long, Position> predicted;
};

PlacementPlan plan_placement(const PlacementInput& input);

// Each image's place after the server confirmed a reorder to `order`: its index, and the first
// one primary (the server's documented rule).
std::map<long long, Position> positions_after_reorder(const std::vector<long long>& order);

// Each image's place as a listing read from the server shows it.
std::map<long long, Position> positions_in_listing(const std::vector<ListedImage>& listing);

// The reorder's answer confirms it when its "order" is exactly the list sent; otherwise stage
// reorder, saying what came back.
Status confirm_reorder(std::string_view body, const std::vector<long long>& sent);

}  // namespace bmx::upload
