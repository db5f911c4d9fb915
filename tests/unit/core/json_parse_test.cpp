// Server JSON is refused, not parsed, when it nests deeper than the budget.
#include <doctest/doctest.h>

#include <string>

#include "core/json_parse.hpp"

using namespace bmx;

namespace {
std::string nested(std::size_t depth, const std::string& open = "[", const std::string& close = "]") {
    std::string text;
    for (std::size_t i = 0; i < depth; ++i) text += open;
    text += "1";
    for (std::size_t i = 0; i < depth; ++i) text += close;
    return text;
}
}  // namespace

TEST_CASE("nesting is counted over arrays and objects, outside strings and their escapes") {
    CHECK_FALSE(json_nests_deeper_than("[[1]]", 2));
    CHECK(json_nests_deeper_than("[[[1]]]", 2));
    CHECK(json_nests_deeper_than(R"({"a":{"b":[1]}})", 2));
    CHECK_FALSE(json_nests_deeper_than(R"(["[[[[", "{{{{"])", 1));
    CHECK_FALSE(json_nests_deeper_than(R"(["\"[[[[", 1])", 1));
    CHECK_FALSE(json_nests_deeper_than("[1],[2],[3]", 1));  // depth goes back down between values
}

TEST_CASE("a document at the depth budget parses, and one level more is discarded however deep") {
    auto at_limit = parse_json_within_depth(nested(max_json_depth));
    REQUIRE_FALSE(at_limit.is_discarded());
    CHECK(at_limit.is_array());
    CHECK(parse_json_within_depth(nested(max_json_depth + 1)).is_discarded());
    CHECK(parse_json_within_depth(nested(85000)).is_discarded());
    std::string deep_object;
    for (int i = 0; i < 85000; ++i) deep_object += R"({"detail":)";
    deep_object += "1" + std::string(85000, '}');
    CHECK(parse_json_within_depth(deep_object).is_discarded());
    CHECK(parse_json_within_depth("not json").is_discarded());
}
