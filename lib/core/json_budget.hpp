// The budget for a document built from JSON text that came from elsewhere: the tree that the
// terminal's pretty printer (nlohmann/json) and --jq (libjq) build in memory. Text alone is
// bounded by the response budgets, but its document is not: 60 MB of empty strings is 20 million
// values, about 1.2 GB once built. Passing JSON through to a pipe builds no document and needs
// no budget.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace bmx {

struct JsonDocumentBudget {
    std::size_t max_values = 2'000'000;
    std::size_t max_bytes = std::size_t{256} * 1024 * 1024;
};

// What building a document from the text would cost, counted in one linear pass without
// building it: its values (an upper bound: every value, member and container, plus empty
// containers once more), and the bytes they would take, estimated as bytes_per_value for each
// value plus the text of its strings and keys.
struct JsonDocumentSize {
    std::size_t values = 0;
    std::size_t bytes = 0;
};
inline constexpr std::size_t json_bytes_per_value = 64;

JsonDocumentSize measure_json_document(std::string_view text);

// A message naming the budget the text's document would pass, for `purpose` ("to pretty-print
// it", "for --jq"), or nullopt when it stays within.
std::optional<std::string> json_document_over_budget(std::string_view text, std::string_view purpose,
                                                     const JsonDocumentBudget& budget = {});

}  // namespace bmx
