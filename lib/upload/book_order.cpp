// Works out the book's wanted image order and checks a listing against it.
#include "upload/book_order.hpp"

#include <algorithm>
#include <climits>
#include <set>

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

std::vector<long long> wanted_order(const std::vector<ListedImage>& listing, const std::vector<long long>& batch_ids,
                                    std::optional<long long> primary) {
    std::set<long long> on_book;
    for (const ListedImage& image : listing) on_book.insert(image.id);
    std::set<long long> in_batch(batch_ids.begin(), batch_ids.end());
    std::vector<long long> wanted;
    std::set<long long> placed;
    auto place = [&](long long id) {
        if (on_book.count(id) != 0 && placed.insert(id).second) wanted.push_back(id);
    };
    if (primary) place(*primary);
    for (const ListedImage& image : listing)
        if (in_batch.count(image.id) == 0) place(image.id);
    for (long long id : batch_ids) place(id);
    return wanted;
}

bool listing_holds(const std::vector<ListedImage>& listing, const std::vector<long long>& wanted,
                   std::optional<long long> primary) {
    if (listing.size() != wanted.size()) return false;
    for (std::size_t i = 0; i < listing.size(); ++i) {
        const ListedImage& image = listing[i];
        if (image.id != wanted[i] || !image.display_order) return false;
        if (i > 0 && *image.display_order <= *listing[i - 1].display_order) return false;
        if (image.is_primary != (primary && image.id == *primary)) return false;
    }
    return true;
}

}  // namespace bmx::upload
