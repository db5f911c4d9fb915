// Reading what a pseudo-terminal showed: escapes taken out, the progress bar's redraws split
// apart with their figures, the stdout part without stderr's notes; and the photos the terminal
// tests upload.
#pragma once

#include <algorithm>

#include <doctest/doctest.h>
#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "harness.hpp"

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

// Columns of UTF-8 text without controls: one per code point (the table's ellipsis is one).
inline int columns_of_text(const std::string& text) {
    return static_cast<int>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// The text printed after the progress bar's last erase: the statuses, then stderr's notes.
inline std::string after_last_erase(const std::string& text) {
    auto erase = text.rfind("\x1b[K");
    return erase == std::string::npos ? text : text.substr(erase + 3);
}

// A terminal's lines ("\r\n") without the "bmx-api: " notes stderr added.
inline std::string stdout_part(const std::string& terminal_text) {
    std::string out;
    for (const std::string& line : lines_of(without_escapes(terminal_text))) {
        std::string bare = !line.empty() && line.back() == '\r' ? line.substr(0, line.size() - 1) : line;
        if (bare.rfind("bmx-api: ", 0) == 0) continue;
        out += bare + "\n";
    }
    return out;
}

inline std::vector<std::filesystem::path> photos(const std::filesystem::path& dir, int count, const std::string& format = "jpeg",
                                                 int width = 640, int height = 480) {
    std::vector<std::filesystem::path> files;
    for (int i = 0; i < count; ++i) {
        auto file = dir / fmt::format("{:02}-photo.{}", i + 1, format == "jpeg" ? "jpg" : format);
        write_file(file, make_image_bytes(format, width, height, 100 + i));
        files.push_back(file);
    }
    return files;
}
inline std::vector<std::filesystem::path> photos(const TempDir& dir, int count, const std::string& format = "jpeg", int width = 640,
                                                 int height = 480) {
    return photos(dir.path(), count, format, width, height);
}

}  // namespace bmx::testing
