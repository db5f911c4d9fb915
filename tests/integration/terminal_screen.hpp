// What a pseudo-terminal showed, taken apart: the pieces drawn between carriage returns, and the
// progress bar's figures, for the terminal and progress tests.
#pragma once

#include <doctest/doctest.h>

#include <regex>
#include <string>
#include <vector>

#include "support/text.hpp"

namespace bmx::testing {

// Terminal output without its escape sequences (CSI: ESC [ params letter).
inline std::string without_escapes(const std::string& text) {
    static const std::regex csi("\x1b\\[[0-9;?]*[A-Za-z]");
    return std::regex_replace(text, csi, "");
}

// What was drawn, piece by piece: the text split at every \r and \n, escapes taken out.
inline std::vector<std::string> drawn_segments(const std::string& text) {
    std::vector<std::string> segments;
    std::string current;
    for (char c : without_escapes(text)) {
        if (c == '\r' || c == '\n') {
            if (!current.empty()) segments.push_back(current);
            current.clear();
            continue;
        }
        current += c;
    }
    if (!current.empty()) segments.push_back(current);
    return segments;
}

inline bool is_bar(const std::string& segment) { return contains(segment, " MiB sent"); }

inline double bytes_figure(const std::string& bar) {
    static const std::regex sent("([0-9]+\\.[0-9]) MiB sent");
    std::smatch match;
    REQUIRE(std::regex_search(bar, match, sent));
    return std::stod(match[1].str());
}

// The progress bars drawn, in order.
inline std::vector<std::string> drawn_bars(const std::string& text) {
    std::vector<std::string> bars;
    for (const std::string& segment : drawn_segments(text))
        if (is_bar(segment)) bars.push_back(segment);
    return bars;
}

}  // namespace bmx::testing
