// Every option the CLI accepts appears in the man page and in the bash, zsh and fish completions.
#include <doctest/doctest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "harness.hpp"

using namespace bmx::testing;

namespace {

std::string read_source_file(const std::string& relative) {
    std::ifstream file(std::string(BMX_SOURCE_DIR) + "/" + relative);
    std::stringstream text;
    text << file.rdbuf();
    return text.str();
}

// Option names from CLI11's --help: the first column of lines that start with a dash.
std::set<std::string> options_in_help(const std::string& help) {
    std::set<std::string> names;
    std::istringstream lines(help);
    static const std::regex option_column(R"(^\s+(-[^\s]+))");
    for (std::string line; std::getline(lines, line);) {
        std::smatch match;
        if (!std::regex_search(line, match, option_column)) continue;
        std::stringstream names_text(match[1].str());
        for (std::string name; std::getline(names_text, name, ',');) names.insert(name);
    }
    return names;
}

std::set<std::string> all_cli_options() {
    std::set<std::string> names;
    for (std::vector<std::string> args : std::vector<std::vector<std::string>>{
             {"--help"}, {"upload", "--help"}, {"thumbnail", "--help"}, {"verify", "--help"}, {"config", "--help"}}) {
        auto result = run_bmx(args);
        REQUIRE(result.exit_code == 0);
        auto found = options_in_help(result.out);
        REQUIRE(found.size() > 1);
        names.insert(found.begin(), found.end());
    }
    return names;
}

bool fish_has(const std::string& fish, const std::string& option) {
    if (option.rfind("--", 0) == 0) return fish.find("-l " + option.substr(2) + " ") != std::string::npos ||
                                           fish.find("-l " + option.substr(2) + "\n") != std::string::npos;
    return fish.find("-s " + option.substr(1) + " ") != std::string::npos;
}

}  // namespace

TEST_CASE("every CLI option is documented in the man page and in the bash, zsh and fish completions") {
    auto options = all_cli_options();
    CHECK(options.count("--prod") == 1);
    CHECK(options.count("--parallel") == 1);
    std::string man = std::regex_replace(read_source_file("man/bmx-api.1"), std::regex(R"(\\)"), "");
    std::string bash = read_source_file("completions/bmx-api.bash");
    std::string zsh = read_source_file("completions/_bmx-api");
    std::string fish = read_source_file("completions/bmx-api.fish");
    for (const std::string& option : options) {
        CAPTURE(option);
        CHECK(man.find(option) != std::string::npos);
        CHECK(bash.find(option) != std::string::npos);
        CHECK(zsh.find(option) != std::string::npos);
        CHECK(fish_has(fish, option));
    }
}

TEST_CASE("the man page renders without warnings") {
    RunOptions options;
    auto result = run_program("/usr/bin/man", {"--warnings", "-l", std::string(BMX_SOURCE_DIR) + "/man/bmx-api.1"}, [] {
        RunOptions o;
        o.env["PATH"] = "/usr/bin:/bin";
        o.env["MANPAGER"] = "cat";
        o.env["MANWIDTH"] = "80";
        return o;
    }());
    CHECK(result.exit_code == 0);
    CHECK(result.err.empty());
    CHECK(result.out.find("EXIT STATUS") != std::string::npos);
}
