// Placing the book: the wanted order, whether the server's numbering gives it, and a reorder's answer.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "upload/placement.hpp"

namespace placement_test {

using bmx::Stage;
using bmx::upload::Arrangement;
using bmx::upload::confirm_reorder;
using bmx::upload::ListedImage;
using bmx::upload::PlacedFile;
using bmx::upload::PlacementInput;
using bmx::upload::PlacementPlan;
using bmx::upload::plan_placement;
using bmx::upload::Position;
using bmx::upload::positions_after_reorder;
using bmx::upload::positions_in_listing;

using Ids = std::vector<long long>;

// A book numbered 0..N-1 with ids 101, 102, ...; the first one primary.
std::vector<ListedImage> numbered_book(int count) {
    std::vector<ListedImage> book;
    for (int i = 0; i < count; ++i) book.push_back(ListedImage{101 + i, i, i == 0, std::nullopt, std::nullopt});
    return book;
}

ListedImage listed(long long id, long long display_order, bool is_primary = false) {
    return ListedImage{id, display_order, is_primary, std::nullopt, std::nullopt};
}

PlacedFile stored(long long id) { return PlacedFile{id, false, false}; }
PlacedFile chosen(long long id) { return PlacedFile{id, true, false}; }
PlacedFile failed_file() { return PlacedFile{std::nullopt, false, false}; }

// The images in the order the plan's predicted places give them.
Ids predicted_order(const PlacementPlan& plan) {
    std::vector<std::pair<long long, long long>> by_place;
    for (const auto& [id, position] : plan.predicted) by_place.emplace_back(position.display_order, id);
    std::sort(by_place.begin(), by_place.end());
    Ids order;
    for (const auto& [place, id] : by_place) order.push_back(id);
    return order;
}

Ids primaries(const std::map<long long, Position>& positions) {
    Ids ids;
    for (const auto& [id, position] : positions)
        if (position.is_primary) ids.push_back(id);
    return ids;
}

TEST_CASE("one new image appended to a book numbered 0..N-1 needs no reorder and takes number N") {
    PlacementInput input{numbered_book(3), {stored(200)}, Arrangement::keep, Ids{200}};
    PlacementPlan plan = plan_placement(input);
    CHECK_FALSE(plan.needs_reorder);
    CHECK(plan.wanted == Ids{101, 102, 103, 200});
    REQUIRE(plan.predicted.count(200) == 1);
    CHECK(plan.predicted.at(200).display_order == 3);
    CHECK_FALSE(plan.predicted.at(200).is_primary);
    CHECK(predicted_order(plan) == Ids{101, 102, 103, 200});
    CHECK(primaries(plan.predicted) == Ids{101});
}

TEST_CASE("a sequential batch created in input order needs no reorder and is numbered after the book") {
    PlacementInput input{numbered_book(2), {stored(200), failed_file(), stored(201), stored(202)}, Arrangement::keep,
                         Ids{200, 201, 202}};
    PlacementPlan plan = plan_placement(input);
    CHECK_FALSE(plan.needs_reorder);
    CHECK(plan.wanted == Ids{101, 102, 200, 201, 202});
    CHECK(predicted_order(plan) == Ids{101, 102, 200, 201, 202});
    CHECK(plan.predicted.at(200).display_order == 2);
    CHECK(plan.predicted.at(202).display_order == 4);
}

TEST_CASE("a sequential batch the server created out of input order needs a reorder to input order") {
    PlacementInput input{numbered_book(2), {stored(200), stored(201)}, Arrangement::keep, Ids{201, 200}};
    PlacementPlan plan = plan_placement(input);
    CHECK(plan.needs_reorder);
    CHECK(plan.wanted == Ids{101, 102, 200, 201});
    CHECK(plan.predicted.empty());
}

TEST_CASE("overlapping uploads (no certain creation order) need a reorder: the book's images, then the new ones in input order") {
    PlacementInput input{numbered_book(3), {stored(201), stored(200)}, Arrangement::keep, std::nullopt};
    PlacementPlan plan = plan_placement(input);
    CHECK(plan.needs_reorder);
    CHECK(plan.wanted == Ids{101, 102, 103, 201, 200});
    CHECK(plan.predicted.empty());
}

TEST_CASE("a batch that only re-sends images already on the book keeps their places without a reorder") {
    PlacementInput input{numbered_book(3), {stored(103), stored(101)}, Arrangement::keep, Ids{}};
    PlacementPlan plan = plan_placement(input);
    CHECK_FALSE(plan.needs_reorder);
    CHECK(plan.wanted == Ids{101, 102, 103});
    CHECK(predicted_order(plan) == Ids{101, 102, 103});
    CHECK(primaries(plan.predicted) == Ids{101});
}

TEST_CASE("images re-sent beside a new one keep their places and the new one goes after them") {
    PlacementInput input{numbered_book(3), {stored(200), stored(102)}, Arrangement::keep, Ids{200}};
    PlacementPlan plan = plan_placement(input);
    CHECK_FALSE(plan.needs_reorder);
    CHECK(plan.wanted == Ids{101, 102, 103, 200});
    CHECK(plan.predicted.at(102).display_order == 1);
    CHECK(plan.predicted.at(200).display_order == 3);
}

TEST_CASE("--arrange puts the batch first in input order, the book's others after in their order, the first primary") {
    PlacementInput input{numbered_book(3), {stored(103), stored(200), stored(101)}, Arrangement::arrange, Ids{200}};
    PlacementPlan plan = plan_placement(input);
    CHECK(plan.needs_reorder);
    CHECK(plan.wanted == Ids{103, 200, 101, 102});
    auto after = positions_after_reorder(plan.wanted);
    CHECK(primaries(after) == Ids{103});
}

TEST_CASE("--arrange with a batch that is already the book's first images in order needs no reorder") {
    PlacementInput input{numbered_book(3), {stored(101), stored(102)}, Arrangement::arrange, Ids{}};
    PlacementPlan plan = plan_placement(input);
    CHECK_FALSE(plan.needs_reorder);
    CHECK(plan.wanted == Ids{101, 102, 103});
}

TEST_CASE("--primary on a new file moves just that one to the front and leaves the rest in place") {
    PlacementInput input{numbered_book(3), {stored(200), chosen(201), stored(202)}, Arrangement::keep, Ids{200, 201, 202}};
    PlacementPlan plan = plan_placement(input);
    CHECK(plan.needs_reorder);
    CHECK(plan.wanted == Ids{201, 101, 102, 103, 200, 202});
    CHECK(primaries(positions_after_reorder(plan.wanted)) == Ids{201});
}

TEST_CASE("--primary on a file already on the book moves just that image to the front") {
    PlacementInput input{numbered_book(4), {chosen(103)}, Arrangement::keep, Ids{}};
    PlacementPlan plan = plan_placement(input);
    CHECK(plan.needs_reorder);
    CHECK(plan.wanted == Ids{103, 101, 102, 104});
}

TEST_CASE("--primary on the book's first and primary image needs no reorder") {
    PlacementInput input{numbered_book(3), {chosen(101), stored(200)}, Arrangement::keep, Ids{200}};
    PlacementPlan plan = plan_placement(input);
    CHECK_FALSE(plan.needs_reorder);
    CHECK(plan.wanted == Ids{101, 102, 103, 200});
}

TEST_CASE("--arrange with --primary puts the chosen one first and the rest of the batch after it in input order") {
    PlacementInput input{numbered_book(2), {stored(200), chosen(201)}, Arrangement::arrange, Ids{200, 201}};
    PlacementPlan plan = plan_placement(input);
    CHECK(plan.needs_reorder);
    CHECK(plan.wanted == Ids{201, 200, 101, 102});
}

TEST_CASE("a book with a gap in display_order needs a reorder") {
    std::vector<ListedImage> book{listed(101, 0, true), listed(102, 1), listed(103, 3)};
    PlacementInput input{book, {stored(200)}, Arrangement::keep, Ids{200}};
    PlacementPlan plan = plan_placement(input);
    CHECK(plan.needs_reorder);
    CHECK(plan.wanted == Ids{101, 102, 103, 200});
}

TEST_CASE("a book with a tie in display_order needs a reorder") {
    std::vector<ListedImage> book{listed(101, 0, true), listed(102, 1), listed(103, 1)};
    PlacementInput input{book, {stored(200)}, Arrangement::keep, Ids{200}};
    PlacementPlan plan = plan_placement(input);
    CHECK(plan.needs_reorder);
    CHECK(plan.wanted == Ids{101, 102, 103, 200});
}

TEST_CASE("a book image without a display_order needs a reorder") {
    std::vector<ListedImage> book{listed(101, 0, true), ListedImage{102, std::nullopt, false, std::nullopt, std::nullopt}};
    PlacementInput input{book, {}, Arrangement::keep, Ids{}};
    CHECK(plan_placement(input).needs_reorder);
}

TEST_CASE("a duplicate answer naming an image that is not on the book (someone else's) makes the numbering uncertain") {
    PlacementInput input{numbered_book(3), {stored(999)}, Arrangement::keep, Ids{}};
    PlacementPlan plan = plan_placement(input);
    CHECK(plan.needs_reorder);
    CHECK(plan.wanted == Ids{101, 102, 103, 999});
    CHECK(plan.predicted.empty());
}

TEST_CASE("a book whose primary is not first needs no reorder while its numbering holds") {
    std::vector<ListedImage> book{listed(101, 0), listed(102, 1, true), listed(103, 2)};
    PlacementInput input{book, {stored(200)}, Arrangement::keep, Ids{200}};
    PlacementPlan plan = plan_placement(input);
    CHECK_FALSE(plan.needs_reorder);
    CHECK(plan.wanted == Ids{101, 102, 103, 200});
    CHECK(primaries(plan.predicted) == Ids{102});
    CHECK(plan.predicted.at(200).display_order == 3);
}

TEST_CASE("a reorder of a book whose primary is not first leads with that primary, so it stays primary") {
    std::vector<ListedImage> book{listed(101, 0), listed(102, 1, true), listed(103, 2)};
    PlacementInput input{book, {stored(200), stored(201)}, Arrangement::keep, std::nullopt};
    PlacementPlan plan = plan_placement(input);
    CHECK(plan.needs_reorder);
    CHECK(plan.wanted == Ids{102, 101, 103, 200, 201});
    CHECK(primaries(positions_after_reorder(plan.wanted)) == Ids{102});
}

TEST_CASE("a new upload sent as primary is predicted as the book's only primary") {
    PlacedFile first{200, true, true};
    PlacementInput input{{}, {first, stored(201)}, Arrangement::keep, Ids{200, 201}};
    PlacementPlan plan = plan_placement(input);
    CHECK_FALSE(plan.needs_reorder);
    CHECK(plan.wanted == Ids{200, 201});
    CHECK(primaries(plan.predicted) == Ids{200});
    CHECK(plan.predicted.at(200).display_order == 0);
    CHECK(plan.predicted.at(201).display_order == 1);
}

TEST_CASE("a new upload sent as primary onto a book with images needs a reorder that leads with it") {
    PlacedFile first{200, true, true};
    PlacementInput input{numbered_book(2), {first}, Arrangement::keep, Ids{200}};
    PlacementPlan plan = plan_placement(input);
    CHECK(plan.needs_reorder);
    CHECK(plan.wanted == Ids{200, 101, 102});
}

TEST_CASE("after a confirmed reorder each image's place is its index and only the first is primary") {
    auto positions = positions_after_reorder({7, 3, 5});
    REQUIRE(positions.size() == 3);
    CHECK(positions.at(7).display_order == 0);
    CHECK(positions.at(3).display_order == 1);
    CHECK(positions.at(5).display_order == 2);
    CHECK(primaries(positions) == Ids{7});
    CHECK(positions_after_reorder({}).empty());
}

TEST_CASE("a listing's places are its display_order and is_primary, and images without a number are left out") {
    std::vector<ListedImage> listing{listed(5, 0), listed(6, 1, true),
                                     ListedImage{7, std::nullopt, false, std::nullopt, std::nullopt}};
    auto positions = positions_in_listing(listing);
    CHECK(positions.size() == 2);
    CHECK(positions.at(6).display_order == 1);
    CHECK(primaries(positions) == Ids{6});
    CHECK(positions.count(7) == 0);
}

TEST_CASE("a reorder answer with the order sent confirms it") {
    CHECK(confirm_reorder(R"({"message": "Images reordered successfully", "order": [3, 1, 2]})", {3, 1, 2}).ok());
}

TEST_CASE("a reorder answer with another order is stage reorder") {
    auto confirmed = confirm_reorder(R"({"message": "Images reordered successfully", "order": [1, 3, 2]})", {3, 1, 2});
    REQUIRE_FALSE(confirmed.ok());
    CHECK(confirmed.error().stage == Stage::reorder);
    CHECK(confirmed.error().message.find("[1,3,2]") != std::string::npos);
}

TEST_CASE("a reorder answer that lists only part of the order sent is stage reorder") {
    auto confirmed = confirm_reorder(R"({"order": [3, 1]})", {3, 1, 2});
    REQUIRE_FALSE(confirmed.ok());
    CHECK(confirmed.error().stage == Stage::reorder);
}

TEST_CASE("a reorder answer without an \"order\" list is stage reorder") {
    for (const char* body : {R"({"message": "Images reordered successfully"})", R"({"order": null})", R"({"order": "3,1,2"})"}) {
        CAPTURE(body);
        auto confirmed = confirm_reorder(body, {3, 1, 2});
        REQUIRE_FALSE(confirmed.ok());
        CHECK(confirmed.error().stage == Stage::reorder);
        CHECK(confirmed.error().message.find("no \"order\" list") != std::string::npos);
    }
}

TEST_CASE("a reorder answer whose order holds something other than integers is stage reorder") {
    for (const char* body : {R"({"order": ["3", 1, 2]})", R"({"order": [3.0, 1, 2]})", R"({"order": [3, null, 2]})"}) {
        CAPTURE(body);
        auto confirmed = confirm_reorder(body, {3, 1, 2});
        REQUIRE_FALSE(confirmed.ok());
        CHECK(confirmed.error().stage == Stage::reorder);
        CHECK(confirmed.error().message.find("lists a") != std::string::npos);
    }
}

TEST_CASE("a reorder answer that is not JSON, or not an object, is stage reorder") {
    for (const char* body : {"Images reordered successfully", "", "[3, 1, 2]", "<html>502 Bad Gateway</html>"}) {
        CAPTURE(body);
        auto confirmed = confirm_reorder(body, {3, 1, 2});
        REQUIRE_FALSE(confirmed.ok());
        CHECK(confirmed.error().stage == Stage::reorder);
    }
}

}  // namespace placement_test
