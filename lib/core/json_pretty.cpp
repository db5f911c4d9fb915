// Pretty-prints a JSON document, coloured or plain, with control characters escaped.
#include "core/json_pretty.hpp"

#include "core/message_safety.hpp"

namespace bmx {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

constexpr const char* colour_key = "\033[34;1m";
constexpr const char* colour_string = "\033[32m";
constexpr const char* colour_number = "\033[36m";
constexpr const char* colour_literal = "\033[33m";
constexpr const char* colour_reset = "\033[0m";

void append_indent(std::string& out, int depth) { out.append(static_cast<std::size_t>(depth) * 2, ' '); }

void append_coloured(std::string& out, const std::string& text, const char* colour, bool use_colour) {
    if (use_colour) out += colour;
    out += escape_control_characters(text);  // C1 controls pass through JSON's escaping
    if (use_colour) out += colour_reset;
}

// For both document kinds: members come out in the document's own order (sorted for json,
// as inserted or parsed for ordered_json).
template <typename Json>
void append_pretty(std::string& out, const Json& value, int depth, bool colour) {
    if (value.is_object()) {
        if (value.empty()) { out += "{}"; return; }
        out += "{\n";
        std::size_t i = 0;
        for (const auto& [key, member] : value.items()) {
            append_indent(out, depth + 1);
            append_coloured(out, Json(key).dump(-1, ' ', false, Json::error_handler_t::replace), colour_key, colour);
            out += ": ";
            append_pretty(out, member, depth + 1, colour);
            out += ++i < value.size() ? ",\n" : "\n";
        }
        append_indent(out, depth);
        out += "}";
        return;
    }
    if (value.is_array()) {
        if (value.empty()) { out += "[]"; return; }
        out += "[\n";
        std::size_t i = 0;
        for (const auto& element : value) {
            append_indent(out, depth + 1);
            append_pretty(out, element, depth + 1, colour);
            out += ++i < value.size() ? ",\n" : "\n";
        }
        append_indent(out, depth);
        out += "]";
        return;
    }
    std::string text = value.dump(-1, ' ', false, Json::error_handler_t::replace);
    const char* tint = value.is_string() ? colour_string : value.is_number() ? colour_number : colour_literal;
    append_coloured(out, text, tint, colour);
}

}  // namespace

std::string pretty_json(const json& document, bool colour) {
    std::string out;
    append_pretty(out, document, 0, colour);
    out += "\n";
    return out;
}

std::string pretty_json(const ordered_json& document, bool colour) {
    std::string out;
    append_pretty(out, document, 0, colour);
    out += "\n";
    return out;
}

}  // namespace bmx
