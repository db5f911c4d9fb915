// Reads the book's image list, sorted as the server sorts it.
#include "upload/book_order.hpp"

#include <algorithm>
#include <climits>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/json_fields.hpp"
#include "core/json_parse.hpp"

namespace bmx::upload {

Result<std::vector<ListedImage>> parse_image_listing(std::string_view body, std::vector<std::string>& warnings) {
    nlohmann::json document = parse_json_within_depth(body);
    if (document.is_discarded() || !document.is_array())
        return make_error(Stage::reorder, "the book's image list was not a JSON array");
    std::vector<ListedImage> listing;
    for (const nlohmann::json& entry : document) {
        FieldReader fields{entry, "an entry of the book's image list", &warnings};
        auto id = fields.integer("id");
        if (!id) {
            warnings.push_back("an entry of the book's image list has no integer id; it was left out");
            continue;
        }
        listing.push_back(ListedImage{*id, fields.integer("display_order"), fields.boolean("is_primary").value_or(false),
                                      fields.string("s3_key"), fields.string("original_filename")});
    }
    // A missing display_order sorts last: it is not a position anybody chose.
    std::stable_sort(listing.begin(), listing.end(), [](const ListedImage& a, const ListedImage& b) {
        long long a_order = a.display_order.value_or(LLONG_MAX), b_order = b.display_order.value_or(LLONG_MAX);
        return a_order != b_order ? a_order < b_order : a.id < b.id;
    });
    return listing;
}

std::optional<long long> current_primary(const std::vector<ListedImage>& listing) {
    for (const ListedImage& image : listing)
        if (image.is_primary) return image.id;
    return std::nullopt;
}

}  // namespace bmx::upload
