// Server JSON is refused, not parsed, when it nests deeper than the budget.
#include <doctest/doctest.h>

#include <string>

#include "core/json_parse.hpp"
#include "core/json_pretty.hpp"

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

TEST_CASE("an ordered parse keeps the members in the text's order and pretty-prints them so") {
    auto document = bmx::parse_ordered_json_within_depth(R"({"version":"3.7.3","environment":"staging","git_sha":"abc"})");
    REQUIRE(document.is_object());
    std::string pretty = bmx::pretty_json(document, false);
    CHECK(pretty == "{\n  \"version\": \"3.7.3\",\n  \"environment\": \"staging\",\n  \"git_sha\": \"abc\"\n}\n");
    // The sorted kind, for bmx-api's own documents, is unchanged.
    CHECK(bmx::pretty_json(bmx::parse_json_within_depth(R"({"b":1,"a":2})"), false) == "{\n  \"a\": 2,\n  \"b\": 1\n}\n");
    // The depth budget holds for the ordered parse too.
    std::string deep(bmx::max_json_depth + 1, '[');
    deep += std::string(bmx::max_json_depth + 1, ']');
    CHECK(bmx::parse_ordered_json_within_depth(deep).is_discarded());
}

TEST_CASE("an object's width is counted by its commas, outside strings and inside arrays apart") {
    CHECK_FALSE(json_object_wider_than(R"({"a":1,"b":2,"c":3})", 3));
    CHECK(json_object_wider_than(R"({"a":1,"b":2,"c":3,"d":4})", 3));
    CHECK_FALSE(json_object_wider_than(R"({"a":[1,2,3,4,5,6],"b":"x,y,z,w,v"})", 3));  // array items and string commas
    CHECK(json_object_wider_than(R"([{"k":{"a":1,"b":2,"c":3,"d":4}}])", 3));          // a nested object counts
    CHECK_FALSE(json_object_wider_than(R"([{"a":1,"b":2},{"a":1,"b":2},{"a":1,"b":2}])", 3));  // each object alone
    std::string wide = "{";
    for (int i = 0; i < 5000; ++i) wide += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":0";
    CHECK(json_object_wider_than(wide + "}", 1000));
}
