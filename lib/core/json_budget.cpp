// Counts what a JSON text's document would hold, without building it.
#include "core/json_budget.hpp"

#include <fmt/format.h>

namespace bmx {

JsonDocumentSize measure_json_document(std::string_view text) {
    std::size_t separators = 0;  // commas and brackets: each starts or separates a value
    std::size_t string_bytes = 0;
    bool any_value = false;
    bool in_string = false;
    for (std::size_t at = 0; at < text.size(); ++at) {
        char c = text[at];
        if (in_string) {
            if (c == '\\') {
                ++at;
                ++string_bytes;
            } else if (c == '"') {
                in_string = false;
            } else {
                ++string_bytes;
            }
            continue;
        }
        switch (c) {
            case '"': in_string = true; any_value = true; break;
            case ',': case '[': case '{': ++separators; any_value = true; break;
            case ' ': case '\t': case '\r': case '\n': case ']': case '}': case ':': break;
            default: any_value = true; break;
        }
    }
    JsonDocumentSize size;
    size.values = separators + (any_value ? 1 : 0);
    size.bytes = size.values * json_bytes_per_value + string_bytes;
    return size;
}

std::optional<std::string> json_document_over_budget(std::string_view text, std::string_view purpose,
                                                     const JsonDocumentBudget& budget) {
    JsonDocumentSize size = measure_json_document(text);
    if (size.values > budget.max_values)
        return fmt::format("the answer holds about {} JSON values, over the budget of {} values {}", size.values,
                           budget.max_values, purpose);
    if (size.bytes > budget.max_bytes)
        return fmt::format("the answer's document would take about {} MiB, over the budget of {} MiB {}",
                           (size.bytes + (1 << 19)) >> 20, budget.max_bytes >> 20, purpose);
    return std::nullopt;
}

}  // namespace bmx
