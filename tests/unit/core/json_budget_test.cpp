// The document budget: values and bytes counted from the text without building it, an upper
// bound of what nlohmann/json or libjq would build, and a message naming the budget passed.
#include <doctest/doctest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "core/json_budget.hpp"

using bmx::JsonDocumentBudget;
using bmx::json_document_over_budget;
using bmx::measure_json_document;

namespace {

// Every value of a parsed document, containers included.
std::size_t count_values(const nlohmann::json& document) {
    std::size_t count = 1;
    if (document.is_structured())
        for (const auto& child : document) count += count_values(child);
    return count;
}

}  // namespace

TEST_CASE("the count of values is exact for non-empty containers and an upper bound otherwise") {
    for (const char* text : {R"(["a","b",""])", R"({"a":1,"b":[true,null,2.5],"c":{"d":"x"}})", "7", R"("one")",
                             R"([[1,2],[3,[4,5]],{"k":"v"}])"}) {
        INFO(text);
        CHECK(measure_json_document(text).values == count_values(nlohmann::json::parse(text)));
    }
    CHECK(measure_json_document("[]").values >= 1);
    CHECK(measure_json_document("{\"a\":[],\"b\":{}}").values >= 3);
    CHECK(measure_json_document("").values == 0);
    CHECK(measure_json_document("  \n").values == 0);
}

TEST_CASE("commas, brackets and escapes inside strings are text, not values") {
    auto size = measure_json_document(R"(["a,b[c{d", "e\"f,g"])");
    CHECK(size.values == 3);
    // a,b[c{d is 7 bytes; e\"f,g is 5 once the escape is one byte.
    CHECK(size.bytes == 3 * bmx::json_bytes_per_value + 7 + 5);
}

TEST_CASE("the budget is passed by the count of values or by the bytes, and the message names which") {
    JsonDocumentBudget budget;
    budget.max_values = 4;
    budget.max_bytes = 1024;
    CHECK_FALSE(json_document_over_budget(R"(["","",""])", "to show it", budget));
    auto values = json_document_over_budget(R"(["","","",""])", "to show it", budget);
    REQUIRE(values);
    CHECK(*values == "the answer holds about 5 JSON values, over the budget of 4 values to show it");
    budget.max_bytes = 2u << 20;
    auto bytes = json_document_over_budget("[\"" + std::string(3u << 20, 'x') + "\"]", "for --jq", budget);
    REQUIRE(bytes);
    CHECK(*bytes == "the answer's document would take about 3 MiB, over the budget of 2 MiB for --jq");
}

TEST_CASE("the default budget takes a page of books and refuses 20 million empty strings") {
    nlohmann::json page = {{"items", nlohmann::json::array()}, {"total", 100}};
    for (int i = 0; i < 100; ++i)
        page["items"].push_back({{"id", i}, {"title", "Middlemarch"}, {"year", 1871}, {"binding", "half calf"}});
    CHECK_FALSE(json_document_over_budget(page.dump(), "to show it"));
    std::string many = "[";
    for (int i = 0; i < 20'000'000; ++i) many += i ? ",\"\"" : "\"\"";
    many += "]";
    auto over = json_document_over_budget(many, "to show it");
    REQUIRE(over);
    CHECK(*over == "the answer holds about 20000001 JSON values, over the budget of 2000000 values to show it");
}
