// The nesting check that runs before any JSON from elsewhere becomes a document.
#include "core/json_parse.hpp"

#include <utility>
#include <vector>

namespace bmx {

bool json_nests_deeper_than(std::string_view text, std::size_t limit) {
    std::size_t depth = 0;
    bool in_string = false;
    for (std::size_t at = 0; at < text.size(); ++at) {
        char c = text[at];
        if (in_string) {
            if (c == '\\') ++at;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > limit) return true;
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return false;
}

bool json_object_wider_than(std::string_view text, std::size_t members) {
    std::vector<std::pair<bool, std::size_t>> open;  // per open bracket: an object?, its commas
    bool in_string = false;
    for (std::size_t at = 0; at < text.size(); ++at) {
        char c = text[at];
        if (in_string) {
            if (c == '\\') ++at;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            open.emplace_back(c == '{', 0);
        } else if ((c == ']' || c == '}') && !open.empty()) {
            open.pop_back();
        } else if (c == ',' && !open.empty() && open.back().first && ++open.back().second >= members) {
            return true;
        }
    }
    return false;
}

nlohmann::json parse_json_within_depth(std::string_view text) {
    if (json_nests_deeper_than(text, max_json_depth)) return nlohmann::json(nlohmann::json::value_t::discarded);
    return nlohmann::json::parse(text, nullptr, false);
}

nlohmann::ordered_json parse_ordered_json_within_depth(std::string_view text) {
    if (json_nests_deeper_than(text, max_json_depth)) return nlohmann::ordered_json(nlohmann::ordered_json::value_t::discarded);
    return nlohmann::ordered_json::parse(text, nullptr, false);
}

}  // namespace bmx
