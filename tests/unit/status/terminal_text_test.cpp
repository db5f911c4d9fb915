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
