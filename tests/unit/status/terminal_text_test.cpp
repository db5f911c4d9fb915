// Columns are counted as a terminal shows them, and text is cut to them with an ellipsis.
#include <doctest/doctest.h>

#include "status/terminal_text.hpp"

using namespace bmx;
using status::cut_to_width;
using status::display_width;
using status::KeepPart;

TEST_CASE("display width counts code points, wide ones twice and combining marks not at all") {
    CHECK(display_width("cover.jpg") == 9);
    CHECK(display_width("caf\u00e9") == 4);
    CHECK(display_width("cafe\u0301") == 4);
    CHECK(display_width("\u8868\u7d19.jpg") == 8);  // two CJK ideographs
    CHECK(display_width("\xff") == 1);              // not UTF-8: one column a byte
}

TEST_CASE("text is cut to the columns with an ellipsis, from the end or, for a path, from the start") {
    CHECK(cut_to_width("cover.jpg", 20) == "cover.jpg");
    CHECK(cut_to_width("cover.jpg", 6) == "cover\u2026");
    CHECK(cut_to_width("photos/01-cover.jpg", 13, KeepPart::end) == "\u202601-cover.jpg");
    CHECK(display_width(cut_to_width("\u8868\u7d19\u8868\u7d19", 4)) <= 4);
    CHECK(cut_to_width("anything", 0).empty());
    CHECK(cut_to_width("anything", 1) == "\u2026");
}

TEST_CASE("one_line writes controls, line feeds and tabs as escapes") {
    CHECK(status::one_line("a\nb\tc\r\nd\x1b[2J") == "a\\nb\\tc\\r\\nd\\x1b[2J");
}

TEST_CASE("with ASCII glyphs text is cut with three dots, which count three columns") {
    CHECK(cut_to_width("cover.jpg", 6, KeepPart::start, status::Glyphs::ascii) == "cov...");
    CHECK(cut_to_width("photos/01-cover.jpg", 15, KeepPart::end, status::Glyphs::ascii) == "...01-cover.jpg");
    CHECK(cut_to_width("cover.jpg", 9, KeepPart::start, status::Glyphs::ascii) == "cover.jpg");
    CHECK(cut_to_width("cover.jpg", 2, KeepPart::start, status::Glyphs::ascii) == "co");  // no room for the dots
}

TEST_CASE("wrapping breaks at spaces, indents the lines after the first, and breaks a word too long for a line") {
    using status::wrap_to_width;
    auto lines = wrap_to_width("  failed: a.jpg [format] not an image (content starts like a PDF)", 24, 4);
    REQUIRE(lines.size() == 4);
    CHECK(lines[0] == "  failed: a.jpg [format]");  // its own leading spaces kept
    CHECK(lines[1] == "    not an image");
    CHECK(lines[2] == "    (content starts like");
    CHECK(lines[3] == "    a PDF)");
    for (const auto& line : lines) CHECK(display_width(line) <= 24);

    auto long_word = wrap_to_width("x abcdefghijklmnop", 8, 2);
    REQUIRE(long_word.size() == 4);
    CHECK(long_word[0] == "x");
    CHECK(long_word[1] == "  abcdef");
    CHECK(long_word[2] == "  ghijkl");
    CHECK(long_word[3] == "  mnop");
    CHECK(wrap_to_width("fits", 10, 4) == std::vector<std::string>{"fits"});
    CHECK(wrap_to_width("\u8868\u7d19\u8868", 4, 0) == std::vector<std::string>{"\u8868\u7d19", "\u8868"});
}
