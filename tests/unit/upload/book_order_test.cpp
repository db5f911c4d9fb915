// Reading the book's image list.
#include <doctest/doctest.h>

#include "upload/book_order.hpp"

using bmx::upload::ListedImage;
using bmx::upload::parse_image_listing;

TEST_CASE("the image list is read by display_order, with nulls and wrong types as warnings") {
    std::vector<std::string> warnings;
    auto listing = parse_image_listing(
        R"([{"id": 3, "display_order": 1, "is_primary": null}, {"id": 4, "display_order": 0, "is_primary": "yes"},
            {"id": null}, {"id": 5, "display_order": null, "is_primary": true}])",
        warnings);
    REQUIRE(listing.ok());
    REQUIRE(listing->size() == 3);
    CHECK((*listing)[0].id == 4);
    CHECK((*listing)[1].id == 3);
    CHECK((*listing)[2].id == 5);  // no display_order: last
    CHECK_FALSE((*listing)[0].is_primary);
    CHECK(warnings.size() == 2);   // "yes" is not a boolean; an entry without an id
    CHECK_FALSE(parse_image_listing(R"({"detail": "Not Found"})", warnings).ok());
}
