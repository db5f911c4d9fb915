// The coloured pretty JSON ends every colour on the line it began: no line starts with a reset.
#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "core/json_parse.hpp"
#include "core/json_pretty.hpp"

TEST_CASE("coloured pretty JSON resets each colour before the line ends, so every line ends clean") {
    auto document = bmx::parse_ordered_json_within_depth(
        R"({"version":"1.0.0","checks":{"db":{"status":"ok","latency_ms":3}},"tags":["a",null,true,2.5],"empty":{},"s":"x"})");
    REQUIRE_FALSE(document.is_discarded());
    std::string coloured = bmx::pretty_json(document, true);
    REQUIRE(coloured.find("\033[34;1m\"version\"\033[0m") != std::string::npos);  // the proof that it is coloured
    std::istringstream in(coloured);
    int lines = 0;
    for (std::string line; std::getline(in, line); ++lines) {
        CAPTURE(line);
        CHECK(line.rfind("\033[0m", 0) != 0);
        auto opened = line.rfind("\033[3");
        if (opened != std::string::npos) CHECK(line.find("\033[0m", opened) != std::string::npos);
    }
    CHECK(lines == 17);
    CHECK(coloured.back() == '\n');
    CHECK(coloured.substr(coloured.size() - 2) == "}\n");
}
