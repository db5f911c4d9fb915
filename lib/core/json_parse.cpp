// The structure checks (nesting depth, object width) that run before JSON from elsewhere becomes a document.
#include "core/json_parse.hpp"

#include <utility>
#include <vector>

namespace bmx {

namespace {

// Walks the text's structural characters (those outside strings), one linear pass, until
// on_structural returns true; answers whether it did.
template <class OnStructural>
bool any_structural(std::string_view text, OnStructural on_structural) {
    bool in_string = false;
    for (std::size_t at = 0; at < text.size(); ++at) {
        char c = text[at];
        if (in_string) {
            if (c == '\\') ++at;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (on_structural(c)) {
            return true;
        }
    }
    return false;
}

}  // namespace

bool json_nests_deeper_than(std::string_view text, std::size_t limit) {
    std::size_t depth = 0;
    return any_structural(text, [&](char c) {
        if (c == '[' || c == '{') return ++depth > limit;
        if ((c == ']' || c == '}') && depth > 0) --depth;
        return false;
    });
}

bool json_object_wider_than(std::string_view text, std::size_t members) {
    std::vector<std::pair<bool, std::size_t>> open;  // per open bracket: an object?, its commas
    return any_structural(text, [&](char c) {
        if (c == '[' || c == '{') {
            open.emplace_back(c == '{', 0);
        } else if ((c == ']' || c == '}') && !open.empty()) {
            open.pop_back();
        } else if (c == ',' && !open.empty() && open.back().first) {
            return ++open.back().second >= members;
        }
        return false;
    });
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
