// Every option the CLI accepts is in the man page; the man page renders cleanly; one version
// (project(VERSION) in CMakeLists.txt) is what --version, the User-Agent, the man page and the
// package changelog say.
#include <doctest/doctest.h>

#include <regex>
#include <set>
#include <sstream>

#include "bmx_version.hpp"
#include "harness.hpp"

using namespace bmx::testing;

namespace {

// Option names from CLI11's --help: the first column of lines that start with a dash.
std::set<std::string> options_in_help(const std::string& help) {
    std::set<std::string> names;
    static const std::regex option_column(R"(^\s+(-[^\s]+))");
    for (const std::string& line : lines_of(help)) {
        std::smatch match;
        if (!std::regex_search(line, match, option_column)) continue;
        std::stringstream names_text(match[1].str());
        for (std::string name; std::getline(names_text, name, ',');) names.insert(name);
    }
    return names;
}

// The commands --help lists under "Subcommands:".
std::vector<std::string> commands_in_help(const std::string& help) {
    std::vector<std::string> commands;
    bool in_section = false;
    for (const std::string& line : lines_of(help)) {
        if (line.rfind("Subcommands:", 0) == 0) in_section = true;
        else if (in_section && line.size() > 2 && line[0] == ' ' && line[2] != ' ') commands.push_back(line.substr(2, line.find(' ', 2) - 2));
        else if (in_section && !line.empty() && line[0] != ' ') in_section = false;
    }
    return commands;
}

std::set<std::string> all_cli_options() {
    auto top = run_bmx({"--help"});
    REQUIRE(top.exit_code == 0);
    std::set<std::string> names = options_in_help(top.out);
    auto commands = commands_in_help(top.out);
    REQUIRE(commands.size() >= 5);
    for (const std::string& command : commands) {
        CAPTURE(command);
        auto result = run_bmx({command, "--help"});
        REQUIRE(result.exit_code == 0);
        auto found = options_in_help(result.out);
        REQUIRE(found.size() > 1);
        names.insert(found.begin(), found.end());
    }
    return names;
}

std::string man_page_source() {
    return std::regex_replace(read_text_file(std::string(BMX_SOURCE_DIR) + "/man/bmx-api.1"), std::regex(R"(\\)"), "");
}

}  // namespace

TEST_CASE("every CLI option, of every command --help lists, is documented in the man page") {
    auto options = all_cli_options();
    CHECK(options.count("--prod") == 1);
    CHECK(options.count("--parallel") == 1);
    CHECK(options.count("--expect-version") == 1);
    const std::string man = man_page_source();
    for (const std::string& option : options) {
        CAPTURE(option);
        CHECK(man.find(option) != std::string::npos);
    }
}

TEST_CASE("the man page renders without warnings and names the version") {
    RunOptions options;
    options.env["PATH"] = "/usr/bin:/bin";
    options.env["MANPAGER"] = "cat";
    options.env["MANWIDTH"] = "80";
    auto result = run_program("/usr/bin/man", {"--warnings", "-l", std::string(BMX_BUILD_DIR) + "/man/bmx-api.1"}, options);
    CHECK(result.exit_code == 0);
    CHECK(result.err.empty());
    CHECK(result.out.find("EXIT STATUS") != std::string::npos);
    CHECK(result.out.find(std::string("bmx-api ") + bmx::version) != std::string::npos);
}

TEST_CASE("--version, the User-Agent and the package changelog name the project's version") {
    REQUIRE(std::regex_match(std::string(bmx::version), std::regex(R"(\d+\.\d+\.\d+)")));
    auto version = run_bmx({"--version"});
    CHECK(version.exit_code == 0);
    CHECK(version.out == std::string("bmx-api ") + bmx::version + "\n");

    DevServer server;
    auto request = run_bmx({"GET", "/health/version"}, with_key(server));
    REQUIRE(request.exit_code == 0);
    auto seen = server.requests_to("/api/v1/health/version");
    REQUIRE(seen.size() == 1);
    CHECK(seen[0]["headers"]["user-agent"] == std::string("bmx-api/") + bmx::version + " (+libcurl)");

    // Debian reads the package's version from the changelog's first line too: bump both.
    const auto changelog = lines_of(read_text_file(std::string(BMX_SOURCE_DIR) + "/packaging/changelog"));
    REQUIRE_FALSE(changelog.empty());
    CHECK_MESSAGE(changelog.front().rfind(std::string("bmx-api (") + bmx::version + ")", 0) == 0,
                  "packaging/changelog starts '" << changelog.front() << "'; add an entry for " << bmx::version);
}
