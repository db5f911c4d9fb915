// The wanted order of a book's images, and the check that a listing holds it.
#include <doctest/doctest.h>

#include "upload/book_order.hpp"

using bmx::upload::current_primary;
using bmx::upload::ListedImage;
using bmx::upload::listing_holds;
using bmx::upload::parse_image_listing;
using bmx::upload::wanted_order;
using Ids = std::vector<long long>;

TEST_CASE("the book's other images keep their order before the batch, which follows in input order") {
    std::vector<ListedImage> listing{{5, 0, true, {}, {}}, {9, 1, false, {}, {}}, {12, 2, false, {}, {}}, {11, 3, false, {}, {}}, {10, 4, false, {}, {}}};
    // The batch is 10, 11, 12 in input order (arrived 12, 11, 10); 5 and 9 were there before.
    CHECK(wanted_order(listing, {10, 11, 12}, current_primary(listing)) == Ids{5, 9, 10, 11, 12});
}

TEST_CASE("the chosen primary goes first, even when it was on the book before the batch") {
    std::vector<ListedImage> listing{{5, 0, true, {}, {}}, {9, 1, false, {}, {}}, {10, 2, false, {}, {}}};
    CHECK(wanted_order(listing, {10, 9}, 9) == Ids{9, 5, 10});
}

TEST_CASE("copies sharing an id, and ids no longer on the book, are placed once or not at all") {
    std::vector<ListedImage> listing{{1, 0, false, {}, {}}, {2, 1, false, {}, {}}};
    CHECK(wanted_order(listing, {2, 2, 7, 1}, std::nullopt) == Ids{2, 1});
}

TEST_CASE("a listing holds the wanted order only with rising display_order and the right primary alone") {
    std::vector<ListedImage> good{{1, 0, true, {}, {}}, {2, 1, false, {}, {}}, {3, 2, false, {}, {}}};
    CHECK(listing_holds(good, {1, 2, 3}, 1));
    CHECK_FALSE(listing_holds(good, {1, 3, 2}, 1));
    CHECK_FALSE(listing_holds(good, {1, 2, 3}, 2));
    CHECK_FALSE(listing_holds(good, {1, 2, 3}, std::nullopt));  // 1 is primary but none was wanted
    std::vector<ListedImage> tie{{1, 0, true, {}, {}}, {2, 1, false, {}, {}}, {3, 1, false, {}, {}}};  // two arrived at once
    CHECK_FALSE(listing_holds(tie, {1, 2, 3}, 1));
    std::vector<ListedImage> no_primary{{1, 0, false, {}, {}}, {2, 1, false, {}, {}}};
    CHECK(listing_holds(no_primary, {1, 2}, std::nullopt));
}

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
