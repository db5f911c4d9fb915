// `bmx-api verify` against bmx-devserver: one command for the post-deploy checks, with one report.
#include <doctest/doctest.h>

#include <chrono>

#include "harness.hpp"

using namespace bmx::testing;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

json check_named(const json& report, const std::string& name) {
    for (const json& check : report["checks"])
        if (check["name"] == name) return check;
    FAIL("no check named " << name << " in " << report.dump());
    return json();
}

}  // namespace

TEST_CASE("verify passes on a healthy server: five checks, a JSON report on stdout and a line per check on stderr") {
    DevServer server({"--version", "3.8.0", "--seed-image", "3"});
    auto result = run_bmx({"verify", "--expect-version", "3.8.0"}, with_key(server));
    CHECK(result.exit_code == 0);
    auto report = json::parse(result.out);
    CHECK(report["ok"] == true);
    CHECK(report["environment"] == "staging");
    CHECK(report["base_url"] == server.base_url());
    CHECK(report["expected_version"] == "3.8.0");
    CHECK(report["elapsed_ms"].is_number());
    REQUIRE(report["checks"].size() == 5);
    std::vector<std::string> names;
    for (const json& check : report["checks"]) {
        names.push_back(check["name"]);
        CHECK(check["ok"] == true);
        CHECK(check["status"] == "passed");
        CHECK(check["detail"].is_string());
        CHECK(check["attempts"].is_number_integer());
        CHECK(check["elapsed_ms"].is_number());
        CHECK_FALSE(check.contains("timing"));
    }
    CHECK(names == std::vector<std::string>{"version", "environment", "deep", "books", "image"});
    CHECK(check_named(report, "books")["detail"] == "HTTP 200, 57 books");
    // Not a terminal: words, not symbols.
    CHECK(contains(result.err, "ok version: version 3.8.0"));
    CHECK(contains(result.err, "ok image: HEAD " + server.origin() + "/images/3/"));
    CHECK_FALSE(leaks_key(result));

    // Health routes are public and go without the key; /books goes with it.
    for (const json& request : server.requests_to("/api/v1/health/")) CHECK_FALSE(request["headers"].contains("x-api-key"));
    auto books = server.requests_to("/api/v1/books");
    REQUIRE(books.size() >= 2);
    CHECK(books[0]["query"] == "per_page=1");
    for (const json& request : books) CHECK(request["headers"]["x-api-key"] == test_key);
}

TEST_CASE("a version that never arrives fails with expected and got, within timeout plus one interval") {
    DevServer server({"--version", "3.7.3"});
    auto start = Clock::now();
    auto result = run_bmx({"verify", "--expect-version", "3.8.0", "--wait-timeout", "2", "--interval", "0.5"}, with_key(server));
    auto took = Clock::now() - start;
    CHECK(result.exit_code == 1);
    CHECK_FALSE(result.timed_out);
    // Far below a poll that ignored its deadline (the harness stops it at 20 s), whatever else
    // the machine is doing; the report's own clock below holds the exact bound.
    CHECK(took < std::chrono::seconds(10));
    auto report = json::parse(result.out);
    CHECK(report["ok"] == false);
    auto version = check_named(report, "version");
    CHECK(version["status"] == "failed");
    CHECK(version["ok"] == false);
    std::string detail = version["detail"];
    CHECK(contains(detail, "expected version 3.8.0, still 3.7.3 after "));
    // Polled until the timeout, and stopped within one interval of it.
    CHECK(report["elapsed_ms"].get<double>() >= 2000);
    CHECK(report["elapsed_ms"].get<double>() < 2500 + 500);
    // A poll every 0.5 s from 0 to 2 s, each one a request the server saw: 5, fewer only when
    // the machine is slow to wake the poll.
    auto polls = server.requests_to("/api/v1/health/version");
    CHECK(version["attempts"] == polls.size());
    CHECK(polls.size() >= 3);
    CHECK(polls.size() <= 5);
    CHECK(contains(detail, "after " + std::to_string(polls.size()) + " attempts over "));
    CHECK(contains(result.err, "FAILED version: expected version 3.8.0, still 3.7.3"));
    CHECK(contains(result.err, "verify: FAILED"));
}

TEST_CASE("verify passes when the new version starts answering mid-poll") {
    DevServer server({"--version", "3.7.3", "--version-after", "2:3.8.0"});
    auto result = run_bmx({"verify", "--expect-version", "3.8.0", "--interval", "0.2", "--wait-timeout", "10"}, with_key(server));
    CHECK(result.exit_code == 0);
    auto version = check_named(json::parse(result.out), "version");
    CHECK(version["status"] == "passed");
    CHECK(version["attempts"] == 3);
    CHECK(contains(version["detail"].get<std::string>(), "version 3.8.0 after 3 attempts"));
    CHECK(server.requests_to("/api/v1/health/version").size() == 3);
}

TEST_CASE("verify fails naming the unhealthy check and its error, but degraded is only a warning") {
    DevServer unhealthy({"--unhealthy", "database"});
    auto failed = run_bmx({"verify"}, with_key(unhealthy));
    CHECK(failed.exit_code == 1);
    auto deep = check_named(json::parse(failed.out), "deep");
    CHECK(deep["status"] == "failed");
    CHECK(contains(deep["detail"].get<std::string>(), "database unhealthy: connection refused"));
    CHECK(contains(failed.err, "FAILED deep: expected healthy, got unhealthy: database unhealthy: connection refused"));
    CHECK(contains(failed.err, "(deep)"));

    DevServer degraded({"--degraded", "queue"});
    auto warned = run_bmx({"verify"}, with_key(degraded));
    CHECK(warned.exit_code == 0);
    auto report = json::parse(warned.out);
    CHECK(report["ok"] == true);
    auto warning = check_named(report, "deep");
    CHECK(warning["status"] == "warning");
    CHECK(warning["ok"] == true);
    CHECK(contains(warning["detail"].get<std::string>(), "queue degraded"));
    CHECK(contains(warned.err, "warning deep: degraded"));
}

TEST_CASE("verify fails on the wrong environment: --prod expects production") {
    DevServer server({"--environment", "staging"});
    RunOptions options;
    options.env["BMX_API_KEY"] = test_key;
    auto result = run_bmx({"--prod", "--base-url", server.base_url(), "verify"}, options);
    CHECK(result.exit_code == 1);
    auto report = json::parse(result.out);
    CHECK(report["environment"] == "prod");
    auto environment = check_named(report, "environment");
    CHECK(environment["status"] == "failed");
    CHECK(environment["detail"] == "expected environment production, got staging");
    CHECK(check_named(report, "version")["status"] == "passed");

    auto expected = run_bmx({"--prod", "--base-url", server.base_url(), "verify", "--expect-env", "staging"}, options);
    CHECK(expected.exit_code == 0);
    CHECK(check_named(json::parse(expected.out), "environment")["status"] == "passed");
}

TEST_CASE("the image check is skipped with a reason when no book has images") {
    DevServer server;
    auto result = run_bmx({"verify"}, with_key(server));
    CHECK(result.exit_code == 0);
    auto image = check_named(json::parse(result.out), "image");
    CHECK(image["status"] == "skipped");
    CHECK(image["ok"] == true);
    CHECK(image["detail"] == "none of the 57 books has a primary image");
    CHECK(contains(result.err, "skipped image: none of the 57 books has a primary image\n"));
    CHECK_FALSE(contains(result.err, "skipped: "));
    CHECK(server.requests_to("/images/").empty());
}

TEST_CASE("the image check HEADs an image on a second loopback host, which never receives the key") {
    DevServer cdn({"--seed-image", "4"}, "127.0.0.2");
    DevServer api({"--seed-image", "4", "--image-base", cdn.origin()});
    auto result = run_bmx({"verify", "--checks", "books,image"}, with_key(api));
    CHECK(result.exit_code == 0);
    auto report = json::parse(result.out);
    REQUIRE(report["checks"].size() == 2);
    auto image = check_named(report, "image");
    CHECK(image["status"] == "passed");
    CHECK(contains(image["detail"].get<std::string>(), "HEAD " + cdn.origin() + "/images/4/"));
    CHECK(contains(image["detail"].get<std::string>(), "image/jpeg"));

    auto cdn_requests = cdn.requests();
    REQUIRE(cdn_requests.size() == 1);
    CHECK(cdn_requests[0]["method"] == "HEAD");
    CHECK_FALSE(cdn_requests[0]["headers"].contains("x-api-key"));
    CHECK(api.requests_to("/images/").empty());
    for (const json& request : api.requests_to("/api/v1/books")) CHECK(request["headers"]["x-api-key"] == test_key);
    CHECK_FALSE(leaks_key(result));
}

TEST_CASE("a relative image URL is resolved against the API's origin") {
    DevServer server({"--seed-image", "9"});
    auto result = run_bmx({"verify", "--checks", "image"}, with_key(server));
    CHECK(result.exit_code == 0);
    auto image = check_named(json::parse(result.out), "image");
    CHECK(image["status"] == "passed");
    auto heads = server.requests_to("/images/9/");
    REQUIRE(heads.size() == 1);
    CHECK(heads[0]["method"] == "HEAD");
}

TEST_CASE("an image URL that is not an image fails with what came back") {
    DevServer cdn({}, "127.0.0.2");  // knows no images: every HEAD is a 404
    DevServer api({"--seed-image", "4", "--image-base", cdn.origin()});
    auto result = run_bmx({"verify", "--checks", "image"}, with_key(api));
    CHECK(result.exit_code == 1);
    auto image = check_named(json::parse(result.out), "image");
    CHECK(image["status"] == "failed");
    CHECK(contains(image["detail"].get<std::string>(), "HTTP 404"));
}

TEST_CASE("without a key the books check fails and says where the key was looked for") {
    DevServer server;
    RunOptions options;
    options.env["BMX_BASE_URL"] = server.base_url();
    auto result = run_bmx({"verify", "--checks", "books,image"}, options);
    CHECK(result.exit_code == 1);
    auto report = json::parse(result.out);
    CHECK(contains(check_named(report, "books")["detail"].get<std::string>(), "no API key"));
    CHECK(check_named(report, "image")["status"] == "skipped");
    CHECK(server.requests_to("/api/v1/books").empty());
}

TEST_CASE("verify --checks runs only the named checks, and an unknown name exits 2 and sends nothing") {
    DevServer server;
    auto deep_only = run_bmx({"verify", "--checks", "deep"}, with_key(server));
    CHECK(deep_only.exit_code == 0);
    auto report = json::parse(deep_only.out);
    REQUIRE(report["checks"].size() == 1);
    CHECK(report["checks"][0]["name"] == "deep");
    CHECK(server.requests().size() == 1);

    auto unknown = run_bmx({"verify", "--checks", "version,health"}, with_key(server));
    CHECK(unknown.exit_code == 2);
    CHECK(contains(unknown.err, "unknown check 'health'"));
    CHECK(unknown.out.empty());
    CHECK(server.requests().size() == 1);
}

TEST_CASE("verify --timing adds each check's phase times to the report and to stderr") {
    DevServer server;
    auto result = run_bmx({"verify", "--timing", "--checks", "version,books"}, with_key(server));
    CHECK(result.exit_code == 0);
    json report = json::parse(result.out);
    REQUIRE(report["checks"].size() == 2);
    for (const json& check : report["checks"]) {
        REQUIRE(check["timing"].is_object());
        for (const char* phase : {"dns_ms", "connect_ms", "tls_ms", "first_byte_ms", "total_ms"})
            CHECK(check["timing"][phase].is_number());
        CHECK(check["timing"]["total_ms"].get<double>() >= check["timing"]["first_byte_ms"].get<double>());
    }
    CHECK(contains(result.err, "timing: dns "));
}

TEST_CASE("verify --jq filters the report, and a bad expression exits 2 before anything is sent") {
    DevServer server;
    auto result = run_bmx({"verify", "--checks", "version,deep", "--jq", ".checks[] | \"\\(.name) \\(.status)\""}, with_key(server));
    CHECK(result.exit_code == 0);
    CHECK(result.out == "version passed\ndeep passed\n");
    auto bad = run_bmx({"verify", "--jq", ".checks[", "--checks", "deep"}, with_key(server));
    CHECK(bad.exit_code == 2);
    CHECK(server.requests().size() == 2);
}

TEST_CASE("verify --wait-timeout bounds the poll, --timeout before verify is the per-request timeout") {
    DevServer server({"--version", "1.0.0"});
    auto bounded = run_bmx({"--timeout", "5", "verify", "--wait-timeout", "0.5", "--interval", "0.2", "--expect-version", "2.0.0",
                            "--checks", "version"},
                           with_key(server));
    CHECK(bounded.exit_code == 1);
    // The poll stopped at its own 0.5 s, not at the 5 s per-request timeout.
    CHECK(json::parse(bounded.out)["elapsed_ms"].get<double>() < 4000);

    DevServer slow({"--latency-ms", "1500"});
    auto per_request = run_bmx({"--timeout", "0.3", "verify", "--checks", "deep"}, with_key(slow));
    CHECK(per_request.exit_code == 1);
    auto deep = check_named(json::parse(per_request.out), "deep");
    CHECK(contains(deep["detail"].get<std::string>(), "GET /health/deep failed: no complete answer within 0.3 s"));
}
