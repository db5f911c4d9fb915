// Counts terminal columns in UTF-8 text and cuts text to a number of columns.
#include "status/terminal_text.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include "core/message_safety.hpp"

namespace bmx::status {
namespace {

struct CodePoint {
    char32_t value = 0;
    std::size_t length = 1;  // bytes it takes; 1 for a byte that does not start valid UTF-8
    bool valid = false;
};

CodePoint decode_at(std::string_view text, std::size_t at) {
    auto byte = static_cast<unsigned char>(text[at]);
    if (byte < 0x80) return {byte, 1, true};
    std::size_t length = byte >= 0xF0 && byte < 0xF5 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC2 && byte < 0xE0 ? 2 : 0;
    if (length == 0 || at + length > text.size()) return {};
    char32_t value = byte & (0x7F >> length);
    for (std::size_t i = 1; i < length; ++i) {
        auto next = static_cast<unsigned char>(text[at + i]);
        if ((next & 0xC0) != 0x80) return {};
        value = (value << 6) | (next & 0x3F);
    }
    return {value, length, true};
}

bool is_combining(char32_t c) {
    return (c >= 0x0300 && c <= 0x036F) || (c >= 0x1AB0 && c <= 0x1AFF) || (c >= 0x1DC0 && c <= 0x1DFF) ||
           (c >= 0x20D0 && c <= 0x20FF) || (c >= 0xFE20 && c <= 0xFE2F) || c == 0x200B || c == 0x200C || c == 0x200D ||
           (c >= 0xFE00 && c <= 0xFE0F);
}

// The East Asian wide and fullwidth blocks, and emoji: two columns on a terminal.
bool is_wide(char32_t c) {
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) || (c >= 0x3041 && c <= 0x33FF) ||
           (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
           (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
           (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
           (c >= 0x1F900 && c <= 0x1F9FF) || (c >= 0x20000 && c <= 0x3FFFD);
}

int columns_of(const CodePoint& point) {
    if (!point.valid) return 1;
    if (is_combining(point.value)) return 0;
    return is_wide(point.value) ? 2 : 1;
}

}  // namespace

int display_width(std::string_view text) {
    int width = 0;
    for (std::size_t at = 0; at < text.size();) {
        CodePoint point = decode_at(text, at);
        width += columns_of(point);
        at += point.length;
    }
    return width;
}

std::string cut_to_width(std::string_view text, int columns, KeepPart keep, Glyphs glyphs) {
    if (columns <= 0) return "";
    if (display_width(text) <= columns) return std::string(text);
    std::string_view ellipsis = glyphs == Glyphs::ascii ? "..." : "\u2026";
    if (display_width(ellipsis) > columns) ellipsis = "";
    int budget = columns - display_width(ellipsis);
    // Code points in order, each with its start; the kept part is a run of them from one end.
    std::vector<std::pair<std::size_t, int>> points;  // byte offset, columns
    for (std::size_t at = 0; at < text.size();) {
        CodePoint point = decode_at(text, at);
        points.emplace_back(at, columns_of(point));
        at += point.length;
    }
    int used = 0;
    if (keep == KeepPart::start) {
        std::size_t end = 0;
        for (const auto& [offset, width] : points) {
            if (used + width > budget) break;
            used += width;
            end = offset + static_cast<std::size_t>(decode_at(text, offset).length);
        }
        return std::string(text.substr(0, end)) + std::string(ellipsis);
    }
    std::size_t start = text.size();
    for (auto it = points.rbegin(); it != points.rend(); ++it) {
        if (used + it->second > budget) break;
        used += it->second;
        start = it->first;
    }
    return std::string(ellipsis) + std::string(text.substr(start));
}

std::vector<std::string> wrap_to_width(std::string_view text, int columns, int indent) {
    columns = std::max(1, columns);
    indent = std::clamp(indent, 0, columns - 1);
    // The first line keeps the text's own leading spaces (within the width).
    std::size_t at = std::min(text.find_first_not_of(' '), text.size());
    const int lead = std::min(static_cast<int>(at), columns - 1);
    std::vector<std::string> lines{std::string(static_cast<std::size_t>(lead), ' ')};
    int used = lead;  // columns on the last line
    auto start_line = [&] {
        lines.emplace_back(static_cast<std::size_t>(indent), ' ');
        used = indent;
    };
    auto fresh = [&] { return used == (lines.size() == 1 ? lead : indent); };
    while (at < text.size()) {
        if (text[at] == ' ') {
            ++at;
            continue;
        }
        std::size_t end = std::min(text.find(' ', at), text.size());
        std::string_view word = text.substr(at, end - at);
        at = end;
        int width = display_width(word);
        int gap = fresh() ? 0 : 1;
        if (used + gap + width <= columns) {
            if (gap) lines.back() += ' ';
            lines.back() += word;
            used += gap + width;
            continue;
        }
        if (!fresh()) start_line();
        // Wider than a whole line: as much as fits, then the rest on the next lines.
        for (std::size_t from = 0; from < word.size();) {
            CodePoint point = decode_at(word, from);
            int point_columns = columns_of(point);
            if (used + point_columns > columns && !fresh()) start_line();
            lines.back() += word.substr(from, point.length);
            used += point_columns;
            from += point.length;
        }
    }
    return lines;
}

std::string one_line(std::string_view text) {
    std::string escaped = escape_control_characters(text);
    std::string out;
    out.reserve(escaped.size());
    for (char c : escaped) {
        if (c == '\n') out += "\\n";
        else if (c == '\t') out += "\\t";
        else if (c == '\r') out += "\\r";  // kept by escape_control_characters before a line feed
        else out += c;
    }
    return out;
}

}  // namespace bmx::status
