// CI reports: --report-junit from verify, --wait-until and upload, read back with junitparser
// (python3-junitparser), and GitHub Actions annotations and job summaries under GITHUB_ACTIONS.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <cmath>
#include <csignal>
#include <filesystem>

#include <sstream>

#include <fmt/format.h>

#include "harness.hpp"

using namespace bmx::testing;
using nlohmann::json;

namespace ci_report_test {

// What junitparser made of the report: {"suites": [{name, tests, failures, skipped, time, cases: [...]}]}.
json read_junit(const std::filesystem::path& report) {
    RunOptions options;
    auto parsed = run_program("/usr/bin/python3", {BMX_SOURCE_DIR "/tests/support/read_junit.py", report.string()}, options);
    INFO(parsed.err);
    REQUIRE(parsed.exit_code == 0);
    return json::parse(parsed.out);
}

const json& only_suite(const json& parsed) {
    REQUIRE(parsed["suites"].size() == 1);
    return parsed["suites"][0];
}

std::vector<std::string> case_names(const json& suite) {
    std::vector<std::string> names;
    for (const json& c : suite["cases"]) names.push_back(c["name"].get<std::string>());
    return names;
}

const json& case_named(const json& suite, const std::string& name) {
    for (const json& c : suite["cases"])
        if (c["name"] == name) return c;
    FAIL("no case named " << name << " in " << suite.dump());
    static const json none;
    return none;
}

// The single result (failure or skipped) of a case, or null.
json result_of(const json& c) { return c["results"].empty() ? json(nullptr) : c["results"][0]; }

// The report's seconds as the JUnit file rounds them (three decimals).
bool same_seconds(const json& junit_time, double milliseconds) {
    return std::fabs(junit_time.get<double>() - milliseconds / 1000.0) <= 0.0011;
}

std::vector<std::string> lines_starting(const std::string& text, const std::string& prefix) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (line.rfind(prefix, 0) == 0) lines.push_back(line);
    return lines;
}

}  // namespace ci_report_test

using namespace ci_report_test;

TEST_CASE("verify --report-junit: a testcase per check, with each check's time, read back by junitparser") {
    DevServer server({"--version", "3.8.0", "--seed-image", "3"});
    TempDir dir;
    auto result = run_bmx({"verify", "--expect-version", "3.8.0", "--report-junit", (dir / "verify.xml").string()}, with_key(server));
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    json report = json::parse(result.out);
    const json suite = only_suite(read_junit(dir / "verify.xml"));
    CHECK(suite["name"] == "verify staging");
    CHECK(suite["tests"] == 5);
    CHECK(suite["failures"] == 0);
    CHECK(suite["skipped"] == 0);
    CHECK(same_seconds(suite["time"], report["elapsed_ms"].get<double>()));
    CHECK(case_names(suite) == std::vector<std::string>{"version", "environment", "deep", "books", "image"});
    for (std::size_t i = 0; i < 5; ++i) {
        const json& c = suite["cases"][i];
        CHECK(c["classname"] == "verify staging");
        CHECK(c["results"].empty());
        CHECK(same_seconds(c["time"], report["checks"][i]["elapsed_ms"].get<double>()));
        CHECK(c["system_out"] == report["checks"][i]["detail"]);
    }
    // Nothing on stdout changed: the JSON report is still all there is.
    CHECK(report["checks"].size() == 5);
}

TEST_CASE("verify --report-junit: a failed check is a failure, a skipped one skipped, a warning in system-out") {
    DevServer unhealthy({"--unhealthy", "database"});
    TempDir dir;
    auto failed = run_bmx({"verify", "--report-junit", (dir / "failed.xml").string()}, with_key(unhealthy));
    CHECK(failed.exit_code == 1);
    json report = json::parse(failed.out);
    json suite = only_suite(read_junit(dir / "failed.xml"));
    CHECK(suite["tests"] == 5);
    CHECK(suite["failures"] == 1);
    CHECK(suite["skipped"] == 1);
    const json deep = result_of(case_named(suite, "deep"));
    REQUIRE(deep.is_object());
    CHECK(deep["type"] == "failure");
    std::string deep_detail;
    for (const json& check : report["checks"])
        if (check["name"] == "deep") deep_detail = check["detail"];
    CHECK(deep["message"] == deep_detail);
    CHECK(contains(deep["message"].get<std::string>(), "database unhealthy: connection refused"));
    const json image = result_of(case_named(suite, "image"));
    REQUIRE(image.is_object());
    CHECK(image["type"] == "skipped");
    CHECK(image["message"] == "none of the 57 books has a primary image");

    DevServer degraded({"--degraded", "queue"});
    auto warned = run_bmx({"verify", "--report-junit", (dir / "warned.xml").string()}, with_key(degraded));
    CHECK(warned.exit_code == 0);
    suite = only_suite(read_junit(dir / "warned.xml"));
    CHECK(suite["failures"] == 0);
    const json& warning = case_named(suite, "deep");
    CHECK(warning["results"].empty());
    CHECK(contains(warning["system_out"].get<std::string>(), "warning: degraded: queue degraded"));
}

TEST_CASE("--wait-until --report-junit: one testcase, passed when met, failed on --fail-if and on the deadline") {
    const std::string completed = R"(.status == "completed")";
    const std::string failed = R"(.status == "failed")";
    TempDir dir;
    struct Ending {
        const char* name;
        std::vector<std::string> server_args;
        std::string timeout;
        int exit_code;
        const char* message;  // in the failure, or empty for a pass
    };
    for (const Ending& ending : {Ending{"completed", {"--job-pending-ms", "100", "--job-running-ms", "300"}, "30", 0, ""},
                                 Ending{"failed", {"--job-pending-ms", "100", "--job-running-ms", "300", "--job-fail", "throttled"},
                                        "30", 1, "--fail-if '.status == \"failed\"' became true after "},
                                 Ending{"deadline", {"--job-pending-ms", "0", "--job-running-ms", "600000"}, "1", 5,
                                        "--wait-until '.status == \"completed\"' still false after "}}) {
        CAPTURE(ending.name);
        DevServer server(ending.server_args);
        REQUIRE(run_bmx({"POST", "/books/7/analysis/generate-async", R"({"model": "opus"})"}, with_key(server)).exit_code == 0);
        const auto report = dir / (std::string(ending.name) + ".xml");
        auto result = run_bmx({"GET", "/books/7/analysis/status", "--wait-until", completed, "--fail-if", failed, "--interval",
                               "0.1", "--wait-timeout", ending.timeout, "--report-junit", report.string()},
                              with_key(server));
        CHECK(result.exit_code == ending.exit_code);
        const json suite = only_suite(read_junit(report));
        CHECK(suite["name"] == "wait-until GET /books/7/analysis/status");
        CHECK(suite["tests"] == 1);
        const json& waited = suite["cases"][0];
        CHECK(waited["classname"] == "wait");
        CHECK(waited["name"] == "GET /books/7/analysis/status --wait-until " + completed);
        CHECK(waited["time"].get<double>() > 0);
        if (ending.exit_code == 0) {
            CHECK(suite["failures"] == 0);
            CHECK(waited["results"].empty());
            CHECK(contains(waited["system_out"].get<std::string>(), "became true after"));
        } else {
            CHECK(suite["failures"] == 1);
            const json failure = result_of(waited);
            REQUIRE(failure.is_object());
            CHECK(failure["type"] == "failure");
            CHECK(contains(failure["message"].get<std::string>(), ending.message));
            // The same words stderr gives.
            CHECK(contains(result.err, failure["message"].get<std::string>()));
        }
        if (ending.exit_code == 5) CHECK(waited["time"].get<double>() >= 1.0);
    }
}

TEST_CASE("upload --report-junit: a testcase per file in input order, failed files failing with stage and reason") {
    DevServer server;
    TempDir dir;
    write_file(dir / "01-cover.jpg", make_image_bytes("jpeg", 96, 64, 91));
    write_file(dir / "02-broken.jpg", "not an image at all");
    write_file(dir / "03-spine.jpg", make_image_bytes("jpeg", 96, 64, 92));
    const auto report = dir / "upload.xml";
    auto result = run_bmx({"upload", "3", (dir / "01-cover.jpg").string(), (dir / "02-broken.jpg").string(),
                           (dir / "03-spine.jpg").string(), "--report-junit", report.string()},
                          with_key(server));
    CHECK(result.exit_code == 4);
    json statuses = json::parse(result.out);
    REQUIRE(statuses.size() == 3);
    const json suite = only_suite(read_junit(report));
    CHECK(suite["name"] == "upload to book 3");
    CHECK(suite["tests"] == 3);
    CHECK(suite["failures"] == 1);
    CHECK(case_names(suite) == std::vector<std::string>{(dir / "01-cover.jpg").string(), (dir / "02-broken.jpg").string(),
                                                       (dir / "03-spine.jpg").string()});
    for (std::size_t i = 0; i < 3; ++i) {
        const json& c = suite["cases"][i];
        CHECK(c["classname"] == "book 3");
        CHECK(same_seconds(c["time"], statuses[i]["elapsed_ms"].get<double>()));
    }
    const json failure = result_of(suite["cases"][1]);
    REQUIRE(failure.is_object());
    CHECK(failure["type"] == "failure");
    CHECK(failure["message"] == "failed [format] " + statuses[1]["error"]["message"].get<std::string>());
    json book = server.book_images(3);
    REQUIRE(book.size() == 2);
    CHECK(contains(suite["cases"][0]["system_out"].get<std::string>(),
                   "uploaded as image " + std::to_string(book[0]["id"].get<long>())));
}

TEST_CASE("GITHUB_ACTIONS=true: exact annotation lines on stderr and the job summary's table appended") {
    DevServer server({"--unhealthy", "database", "--degraded", "queue"});
    TempDir dir;
    const auto summary = dir / "summary.md";
    write_file(summary, "earlier step\n");
    RunOptions options = with_key(server);
    options.env["GITHUB_ACTIONS"] = "true";
    options.env["GITHUB_STEP_SUMMARY"] = summary.string();
    auto result = run_bmx({"verify", "--checks", "deep,books"}, options);
    CHECK(result.exit_code == 1);
    json report = json::parse(result.out);  // stdout is the report alone
    REQUIRE(report["checks"].size() == 2);
    const std::string deep = report["checks"][0]["detail"];
    CHECK(contains(deep, "database unhealthy: connection refused"));
    CHECK(lines_starting(result.err, "::") == std::vector<std::string>{"::error title=bmx-api verify%3A deep::" + deep});
    auto seconds = [&](int i) { return fmt::format("{:.1f}", report["checks"][i]["elapsed_ms"].get<double>() / 1000); };
    const std::string table = "earlier step\n### verify staging: failed\n\n| Name | Result | Time | Detail |\n"
                              "| --- | --- | ---: | --- |\n| deep | ❌ failed | " + seconds(0) + " s | " + deep +
                              " |\n| books | ✅ passed | " + seconds(1) + " s | HTTP 200, 57 books |\n\nverify: FAILED against " +
                              server.base_url() + " (deep) in ";
    const std::string written = read_text_file(summary);
    CHECK(written.substr(0, table.size()) == table);
    CHECK(written.size() > table.size());
    CHECK(written.substr(written.size() - 2) == "\n\n");

    // --ci-format none turns it off; a warning is a ::warning.
    auto none = run_bmx({"verify", "--checks", "deep", "--ci-format", "none"}, options);
    CHECK(none.exit_code == 1);
    CHECK(lines_starting(none.err, "::").empty());
    CHECK(contains(none.err, "FAILED deep:"));  // proof the run printed its lines
    DevServer degraded({"--degraded", "queue"});
    RunOptions forced = with_key(degraded);
    auto warned = run_bmx({"--ci-format", "github", "verify", "--checks", "deep"}, forced);
    CHECK(warned.exit_code == 0);
    std::string warning = json::parse(warned.out)["checks"][0]["detail"];
    CHECK(lines_starting(warned.err, "::") == std::vector<std::string>{"::warning title=bmx-api verify%3A deep::" + warning});
}

TEST_CASE("GITHUB_ACTIONS=true on an upload: an ::error naming the photo with file= per failed file, and its table") {
    DevServer server;
    TempDir dir;
    write_file(dir / "01-cover.jpg", make_image_bytes("jpeg", 96, 64, 93));
    write_file(dir / "02-broken.jpg", "not an image at all");
    const auto summary = dir / "summary.md";
    RunOptions options = with_key(server);
    options.env["GITHUB_ACTIONS"] = "true";
    options.env["GITHUB_STEP_SUMMARY"] = summary.string();
    const std::string cover = (dir / "01-cover.jpg").string();
    const std::string broken = (dir / "02-broken.jpg").string();
    auto result = run_bmx({"upload", "5", cover, broken}, options);
    CHECK(result.exit_code == 4);
    json statuses = json::parse(result.out);
    REQUIRE(statuses.size() == 2);
    const std::string reason = statuses[1]["error"]["message"];
    auto property = [](std::string text) {
        std::string out;
        for (char c : text) out += c == ':' ? std::string("%3A") : c == ',' ? std::string("%2C") : std::string(1, c);
        return out;
    };
    CHECK(lines_starting(result.err, "::") ==
          std::vector<std::string>{"::error title=bmx-api upload%3A " + property(broken) + ",file=" + property(broken) +
                                   "::failed [format] " + reason});
    const std::string written = read_text_file(summary);
    CHECK(contains(written, "### upload to book 5: failed\n\n| Name | Result | Time | Detail |\n"));
    CHECK(contains(written, "| ❌ failed | "));
    CHECK(contains(written, " s | failed \\[format\\] "));
    CHECK(contains(written, "\nupload to book 5: 1 uploaded, 1 failed\n"));
    CHECK(server.book_images(5).size() == 1);
}

TEST_CASE("a server message holding %0A::error::injected and a raw newline starts no workflow command") {
    DevServer server({"--job-pending-ms", "0", "--job-running-ms", "100", "--job-fail", "throttled %0A::error::injected\n::error::raw"});
    REQUIRE(run_bmx({"POST", "/books/7/analysis/generate-async", R"({"model": "opus"})"}, with_key(server)).exit_code == 0);
    TempDir dir;
    RunOptions options = with_key(server);
    options.env["GITHUB_ACTIONS"] = "true";
    options.env["GITHUB_STEP_SUMMARY"] = (dir / "summary.md").string();
    auto result = run_bmx({"GET", "/books/7/analysis/status", "--wait-until", R"(.status == "completed")", "--fail-if",
                           R"(.status == "failed")", "--interval", "0.1", "--report-junit", (dir / "wait.xml").string()},
                          options);
    CHECK(result.exit_code == 1);
    const auto commands = lines_starting(result.err, "::");
    REQUIRE(commands.size() == 1);
    CHECK(commands[0].rfind("::error title=bmx-api --wait-until%3A GET /books/7/analysis/status --wait-until .status == \"completed\"::", 0) == 0);
    CHECK(contains(commands[0], "(status failed): throttled %250A::error::injected%0A::error::raw"));
    // The plain error line keeps the message, its second line indented.
    CHECK(contains(result.err, "throttled %0A::error::injected\n  ::error::raw"));
    // The table keeps it in its cell.
    const std::string summary = read_text_file(dir / "summary.md");
    CHECK(contains(summary, "throttled %0A::error::injected ::error::raw |"));
    const json failure = result_of(only_suite(read_junit(dir / "wait.xml"))["cases"][0]);
    CHECK(contains(failure["message"].get<std::string>(), "throttled %0A::error::injected\n::error::raw"));
}

TEST_CASE("the key, URL userinfo and -H credentials never reach a report, an annotation or the summary") {
    ServerProcess peer(BMX_FAULTPEER_BIN, {"--mode", "echo-key", "--count", "100"});
    TempDir dir;
    const std::string token = "tok_Sekrit_9f8e7d6c5b4a";
    const std::string base = "http://bob:hunter2@127.0.0.1:" + std::to_string(peer.port()) + "/api/v1";
    RunOptions options = with_key(base);
    options.env["GITHUB_ACTIONS"] = "true";
    options.env["GITHUB_STEP_SUMMARY"] = (dir / "summary.md").string();
    auto result = run_bmx({"-H", "X-Auth-Token: " + token, "verify", "--checks", "books", "--report-junit",
                           (dir / "verify.xml").string()},
                          options);
    CHECK(result.exit_code == 1);
    const std::string xml = read_text_file(dir / "verify.xml");
    const std::string summary = read_text_file(dir / "summary.md");
    const auto commands = lines_starting(result.err, "::");
    REQUIRE(commands.size() == 1);
    // The peer echoed the key and the token: each report shows where they were, redacted.
    for (const std::string* text : {&xml, &summary, &commands[0]}) {
        CAPTURE(*text);
        CHECK((contains(*text, "invalid key <redacted> token <redacted>") ||
               contains(*text, "invalid key &lt;redacted&gt; token &lt;redacted&gt;")));
        CHECK_FALSE(contains_key(*text));
        CHECK_FALSE(contains(*text, token));
        CHECK_FALSE(contains(*text, "hunter2"));
    }
    CHECK(contains(summary, "http://&lt;redacted&gt;@127.0.0.1"));
    CHECK_FALSE(leaks_key(result));
    CHECK_FALSE(contains(result.err, token));
}

TEST_CASE("upload --report-junit after a first Ctrl-C and after a third: the report is whole, unfinished files failing as cancelled") {
    TempDir dir;
    for (int i = 0; i < 4; ++i) write_file(dir / fmt::format("{}.jpg", i), make_image_bytes("jpeg", 64, 48, 60 + i));
    for (int interrupts : {1, 3}) {
        CAPTURE(interrupts);
        DevServer server({"--latency-ms", "5000"});
        TempDir reports;
        const auto report = reports / "upload.xml";
        RunOptions options = with_key(server);
        options.signal_after_ms = 800;
        // Different signals: ordinary signals of one kind would merge while pending.
        options.signals = interrupts == 1 ? std::vector<int>{SIGINT} : std::vector<int>{SIGINT, SIGTERM, SIGHUP};
        auto result = run_bmx({"upload", "8", dir.path().string(), "--report-junit", report.string()}, options);
        CHECK(result.exit_code == 130);
        REQUIRE(json::parse(result.out).size() == 4);
        const json suite = only_suite(read_junit(report));
        CHECK(suite["tests"] == 4);
        CHECK(suite["failures"] == 4);
        for (const json& c : suite["cases"]) {
            const json failure = result_of(c);
            REQUIRE(failure.is_object());
            CHECK(failure["message"].get<std::string>().rfind("cancelled [cancelled] ", 0) == 0);
        }
    }
}

TEST_CASE("--report-junit is written whole: a missing directory is exit 2 before anything is sent, and a run replaces the file") {
    DevServer server;
    TempDir dir;
    auto missing = run_bmx({"verify", "--report-junit", (dir / "no-such-dir" / "r.xml").string()}, with_key(server));
    CHECK(missing.exit_code == 2);
    CHECK(contains(missing.err, "--report-junit"));
    CHECK(contains(missing.err, "does not exist"));
    CHECK(server.requests().empty());
    auto plain = run_bmx({"GET", "/books", "--report-junit", (dir / "r.xml").string()}, with_key(server));
    CHECK(plain.exit_code == 2);
    CHECK(contains(plain.err, "--report-junit does not apply to a request without --wait-until"));
    CHECK(server.requests().empty());

    // A run that cannot start still leaves a report saying why.
    auto unusable = run_bmx({"--base-url", "ftp://files.example/api", "verify", "--report-junit", (dir / "setup.xml").string()},
                            with_key(server));
    CHECK(unusable.exit_code == 2);
    const json setup = only_suite(read_junit(dir / "setup.xml"));
    CHECK(setup["failures"] == 1);
    CHECK(setup["cases"][0]["name"] == "setup");
    CHECK(contains(result_of(setup["cases"][0])["message"].get<std::string>(), "must start with https:// or http://"));
    std::filesystem::remove(dir / "setup.xml");

    const auto report = dir / "r.xml";
    write_file(report, "an older report, longer than the new one will be ............................................"
                       "....................................................................................................."
                       "............................................................................................");
    auto run = run_bmx({"verify", "--checks", "books", "--report-junit", report.string()}, with_key(server));
    CHECK(run.exit_code == 0);
    CHECK(only_suite(read_junit(report))["tests"] == 1);
    // Only the report is left in the directory: no temporary file behind.
    int entries = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path())) ++entries;
    CHECK(entries == 1);
}
