// edit_distance and closest_word: the "did you mean" behind unknown commands and methods.
#include <doctest/doctest.h>

#include <string>

#include "core/closest_word.hpp"

using bmx::closest_word;
using bmx::edit_distance;

TEST_CASE("edit distance counts inserts, deletes, substitutions and swapped neighbours, ignoring case") {
    CHECK(edit_distance("upload", "upload") == 0);
    CHECK(edit_distance("uplod", "upload") == 1);
    CHECK(edit_distance("thumbnial", "thumbnail") == 1);
    CHECK(edit_distance("GTE", "get") == 1);
    CHECK(edit_distance("verfy", "verify") == 1);
    CHECK(edit_distance("", "abc") == 3);
    CHECK(edit_distance("kitten", "sitting") == 3);
}

TEST_CASE("a word longer than the bound is not compared, so the work stays bounded") {
    const std::string long_word(10000, 'u');
    CHECK(edit_distance(long_word, "upload") == bmx::max_word_length + 1);
    CHECK_FALSE(closest_word(long_word, {"upload"}).has_value());
}

TEST_CASE("the closest word is offered only when it is near, and never for an exact match") {
    const std::vector<std::string> known{"upload", "thumbnail", "verify", "config", "GET", "PUT", "POST"};
    CHECK(closest_word("uplod", known) == "upload");
    CHECK(closest_word("thumbnial", known) == "thumbnail");
    CHECK(closest_word("verfy", known) == "verify");
    CHECK(closest_word("GTE", known) == "GET");
    CHECK(closest_word("pots", known) == "POST");
    CHECK_FALSE(closest_word("books", known).has_value());
    CHECK_FALSE(closest_word("x", known).has_value());
    CHECK_FALSE(closest_word("upload", known).has_value());
}

TEST_CASE("a word that differs only in case is offered the word it means") {
    const std::vector<std::string> known{"upload", "thumbnail", "GET"};
    CHECK(closest_word("Upload", known) == "upload");
    CHECK(closest_word("UPLOAD", known) == "upload");
    CHECK_FALSE(closest_word("GET", known).has_value());
}
