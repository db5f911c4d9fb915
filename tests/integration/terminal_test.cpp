// What a person sees at a terminal, under a pseudo-terminal: the upload table, a progress line
// that fits the width and whose bytes only grow, the server's key order, and --color.
#include <doctest/doctest.h>

#include <algorithm>
#include <regex>

#include <fmt/format.h>

#include "harness.hpp"
#include "terminal_screen.hpp"

using namespace bmx::testing;
using nlohmann::json;

namespace {

std::string escaped_elapsed(std::string text) {
    static const std::regex elapsed("\"elapsed_ms\":[0-9]+");
    return std::regex_replace(text, elapsed, "\"elapsed_ms\":0");
}

}  // namespace

TEST_CASE("on a terminal upload prints a table with a row per file and the summary, not JSON") {
    DevServer server;
    TempDir dir;
    auto files = photos(dir, 3);
    auto result = run_bmx_on_terminal({"upload", "5", dir.path().string()}, with_key(server), 120);
    CHECK(result.exit_code == 0);
    CHECK_FALSE(leaks_key(result));
    std::string table = stdout_part(after_last_erase(result.out));
    auto lines = lines_of(table);
    REQUIRE(lines.size() == 5);
    CHECK(lines[0].rfind("STATUS", 0) == 0);
    for (int i = 0; i < 3; ++i) {
        CAPTURE(i);
        CHECK(lines[static_cast<std::size_t>(i) + 1].rfind("uploaded", 0) == 0);
        CHECK(contains(lines[static_cast<std::size_t>(i) + 1], files[static_cast<std::size_t>(i)].filename().string()));
        CHECK(contains(lines[static_cast<std::size_t>(i) + 1], "generated 300x225"));
    }
    CHECK(lines[4].rfind("3 files: 3 uploaded; ", 0) == 0);
    CHECK_FALSE(contains(result.out, "\"upload_status\""));
    CHECK_FALSE(contains(table, "{"));
    CHECK(server.images()["5"].size() == 3);
}

TEST_CASE("on a terminal upload --json prints the JSON statuses, and --image --json one object") {
    DevServer server;
    TempDir dir;
    photos(dir, 2);
    auto result = run_bmx_on_terminal({"upload", "5", dir.path().string(), "--json"}, with_key(server), 120);
    CHECK(result.exit_code == 0);
    json statuses = json::parse(stdout_part(after_last_erase(result.out)));
    REQUIRE(statuses.is_array());
    REQUIRE(statuses.size() == 2);
    CHECK(statuses[0]["upload_status"] == "uploaded");
    CHECK(statuses[1]["upload_status"] == "uploaded");
    CHECK_FALSE(contains(result.out, "STATUS"));

    auto single = run_bmx_on_terminal({"--image", (dir / "01-photo.jpg").string(), "POST", "/books/6/images", "--json"},
                                      with_key(server), 120);
    CHECK(single.exit_code == 0);
    json status = json::parse(stdout_part(single.out));
    CHECK(status["upload_status"] == "uploaded");
    auto table = run_bmx_on_terminal({"--image", (dir / "02-photo.jpg").string(), "POST", "/books/6/images"}, with_key(server), 120);
    CHECK(table.exit_code == 0);
    CHECK(contains(table.out, "STATUS"));
    CHECK(contains(table.out, "1 file: 1 uploaded; "));
}

TEST_CASE("in a pipe upload --json prints the same bytes as without it") {
    DevServer server;
    TempDir dir;
    photos(dir, 3);
    auto plain = run_bmx({"upload", "5", dir.path().string(), "--dry-run"}, with_key(server));
    auto with_flag = run_bmx({"upload", "5", dir.path().string(), "--dry-run", "--json"}, with_key(server));
    CHECK(plain.exit_code == 0);
    CHECK(with_flag.exit_code == 0);
    REQUIRE(json::parse(plain.out).size() == 3);
    CHECK(escaped_elapsed(with_flag.out) == escaped_elapsed(plain.out));
    CHECK(plain.out.find('\n') == plain.out.size() - 1);  // one compact line, as before
    CHECK(with_flag.err == plain.err);
}

TEST_CASE("on a 40-column terminal no progress line is wider than 40 columns, over many redraws") {
    DevServer server({"--processing-delay-ms", "150"});
    TempDir dir;
    photos(dir, 10);
    auto result = run_bmx_on_terminal({"upload", "5", dir.path().string(), "--parallel", "2"}, with_key(server), 40);
    CHECK(result.exit_code == 0);
    auto segments = drawn_segments(result.out);
    std::size_t bars = 0;
    for (const std::string& segment : segments) {
        CAPTURE(segment);
        CHECK(columns_of_text(segment) <= 39);
        bars += is_bar(segment) ? 1 : 0;
    }
    CHECK(bars >= 5);  // proof that the bar was drawn, and redrawn
    CHECK(contains(result.out, "10 files: 10 uploaded"));
}

TEST_CASE("bytes sent never go down through retries, and a cancelled batch ends with a bar that says so and is not full") {
    // Two 503s, each after 300 ms with its body on the wire: the retries send those bytes again.
    DevServer server({"--latency-ms", "300", "--processing-delay-ms", "300", "--fail-images", "2"});
    TempDir dir;
    photos(dir, 12, "png", 700, 700);
    RunOptions options = with_key(server);
    options.interrupt_as_keystroke = true;
    options.signal_when = [](const CommandResult& so_far) { return contains(so_far.out, " 4/12 files"); };
    auto result = run_bmx_on_terminal({"upload", "5", dir.path().string(), "--parallel", "2"}, options, 100);
    CHECK(result.exit_code == 130);
    std::vector<std::string> bars;
    for (const std::string& segment : drawn_segments(result.out))
        if (is_bar(segment)) bars.push_back(segment);
    REQUIRE(bars.size() >= 5);
    double previous = 0;
    for (const std::string& bar : bars) {
        CAPTURE(bar);
        double sent = bytes_figure(bar);
        CHECK(sent >= previous);
        previous = sent;
    }
    CHECK(previous > 0.5);
    // The last bar: cancelled, fewer than all files, and the bar itself not full.
    const std::string& last = bars.back();
    CAPTURE(last);
    CHECK(contains(last, "cancelled "));
    CHECK_FALSE(contains(last, "12/12"));
    auto inside = last.substr(1, last.find(']') - 1);
    CHECK(contains(inside, " "));
    CHECK(contains(inside, "="));
    CHECK(contains(result.out, "cancelled"));
    CHECK(std::any_of(bars.begin(), bars.end(), [](const std::string& bar) { return contains(bar, "stopping "); }));
}

TEST_CASE("pretty JSON on a terminal keeps the server's key order, as the pipe does") {
    DevServer server;
    RunOptions options;
    options.env["BMX_BASE_URL"] = server.base_url();
    auto piped = run_bmx({"GET", "/health/version"}, options);
    auto shown = run_bmx_on_terminal({"GET", "/health/version"}, options);
    CHECK(piped.exit_code == 0);
    CHECK(shown.exit_code == 0);
    std::vector<std::string> order{"\"version\"", "\"environment\"", "\"git_sha\"", "\"deployed_at\""};
    std::string text = without_escapes(shown.out);
    for (std::size_t i = 0; i + 1 < order.size(); ++i) {
        CAPTURE(order[i]);
        REQUIRE(contains(piped.out, order[i]));
        REQUIRE(contains(text, order[i]));
        CHECK(piped.out.find(order[i]) < piped.out.find(order[i + 1]));  // the server's own order, not sorted
        CHECK(text.find(order[i]) < text.find(order[i + 1]));
    }
    CHECK(contains(text, "{\r\n  \"version\": "));  // pretty, not the raw body
}

TEST_CASE("--color never takes colour off a terminal, NO_COLOR and TERM=dumb too, and --color always puts it back") {
    DevServer server;
    RunOptions options;
    options.env["BMX_BASE_URL"] = server.base_url();
    auto coloured = run_bmx_on_terminal({"GET", "/health/version"}, options);
    CHECK(contains(coloured.out, "\x1b[34;1m\"version\""));  // the proof that colour is on by default
    auto never = run_bmx_on_terminal({"--color", "never", "GET", "/health/version"}, options);
    CHECK(contains(never.out, "\"version\": \"1.0.0\""));
    CHECK_FALSE(contains(never.out, "\x1b["));

    RunOptions no_colour = options;
    no_colour.env["NO_COLOR"] = "1";
    auto by_variable = run_bmx_on_terminal({"GET", "/health/version"}, no_colour);
    CHECK(contains(by_variable.out, "\"version\": \"1.0.0\""));
    CHECK_FALSE(contains(by_variable.out, "\x1b["));
    auto always = run_bmx_on_terminal({"--color", "always", "GET", "/health/version"}, no_colour);
    CHECK(contains(always.out, "\x1b[34;1m\"version\""));

    // always colours only what is printed for a terminal: a pipe keeps the server's bytes.
    auto piped = run_bmx({"--color", "always", "GET", "/health/version"}, options);
    CHECK(piped.exit_code == 0);
    CHECK_FALSE(contains(piped.out, "\x1b"));
    CHECK(json::parse(piped.out)["version"] == "1.0.0");

    auto refused = run_bmx({"--color", "sometimes", "GET", "/health/version"}, options);
    CHECK(refused.exit_code == 2);
}

TEST_CASE("under TERM=dumb an upload shows no colour and no progress bar, but still its table") {
    DevServer server({"--processing-delay-ms", "150"});
    TempDir dir;
    photos(dir, 6);
    RunOptions options = with_key(server);
    // The proof for the absence below: the same batch on an xterm draws a bar and colours the table.
    auto xterm = run_bmx_on_terminal({"upload", "5", dir.path().string(), "--parallel", "2"}, options, 100);
    CHECK(xterm.exit_code == 0);
    CHECK(contains(xterm.out, "\r\x1b[K"));
    CHECK(contains(xterm.out, " MiB sent"));
    CHECK(contains(xterm.out, "\x1b[32muploaded"));

    options.env["TERM"] = "dumb";
    auto dumb = run_bmx_on_terminal({"upload", "5", dir.path().string(), "--parallel", "2"}, options, 100);
    CHECK(dumb.exit_code == 0);
    CHECK(contains(dumb.out, "6 files: 6 duplicate"));
    CHECK(contains(dumb.out, "duplicate  "));
    CHECK_FALSE(contains(dumb.out, "\x1b"));
    CHECK_FALSE(contains(dumb.out, "MiB sent"));

    auto forced = run_bmx_on_terminal({"--color", "always", "upload", "5", dir.path().string()}, options, 100);
    CHECK(contains(forced.out, "\x1b[36mduplicate\x1b[0m"));
    CHECK_FALSE(contains(forced.out, "MiB sent"));  // always is about colour: still no bar on a dumb terminal
}
