// --wait-until against bmx-devserver's background jobs: what a script waiting for an analysis
// relies on (exit codes, the final answer on stdout, the reason on stderr, the deadline) and
// what the server saw.
#include <doctest/doctest.h>

#include <chrono>
#include <regex>
#include <set>

#include "harness.hpp"

using namespace bmx::testing;
using nlohmann::json;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

namespace {

milliseconds since(Clock::time_point start) { return std::chrono::duration_cast<milliseconds>(Clock::now() - start); }

const std::string completed = R"(.status == "completed")";
const std::string failed = R"(.status == "failed")";

// Starts an analysis of the book through bmx-api itself; the job as the server answered it.
json start_analysis(const DevServer& server, int book_id) {
    auto started = run_bmx({"POST", "/books/" + std::to_string(book_id) + "/analysis/generate-async", R"({"model": "opus"})"},
                           with_key(server));
    REQUIRE(started.exit_code == 0);
    return json::parse(started.out);
}

std::vector<json> status_polls(const DevServer& server, int book_id) {
    return server.requests_to("/api/v1/books/" + std::to_string(book_id) + "/analysis/status");
}

// The poll count in "... after 2 s and 5 polls; ...".
int polls_in_message(const std::string& err) {
    std::smatch match;
    REQUIRE(std::regex_search(err, match, std::regex(R"(and (\d+) polls?)")));
    return std::stoi(match[1].str());
}

}  // namespace

TEST_CASE("the dev server's analysis job goes pending, running, completed, answers 409 meanwhile and 404 without a job") {
    DevServer server({"--job-pending-ms", "300", "--job-running-ms", "700"});
    auto none = run_bmx({"GET", "/books/3/analysis/status"}, with_key(server));
    CHECK(none.exit_code == 1);
    CHECK(json::parse(none.out) == json{{"detail", "No analysis job found for this book"}});
    auto no_book = run_bmx({"POST", "/books/9999/analysis/generate-async", "{}"}, with_key(server));
    CHECK(no_book.exit_code == 1);
    CHECK(json::parse(no_book.out)["detail"] == "Book not found");

    json job = start_analysis(server, 3);
    CHECK(job["status"] == "pending");
    CHECK(job["book_id"] == 3);
    CHECK(job["model"] == "opus");
    CHECK(job["error_message"].is_null());
    CHECK(job["completed_at"].is_null());
    CHECK(job["job_id"].get<std::string>().size() == 36);
    std::set<std::string> keys;
    for (const auto& [key, value] : job.items()) keys.insert(key);
    CHECK(keys == std::set<std::string>{"job_id", "book_id", "status", "model", "error_message", "created_at", "updated_at",
                                        "completed_at"});
    auto again = run_bmx({"POST", "/books/3/analysis/generate-async", "{}"}, with_key(server));
    CHECK(again.exit_code == 1);
    CHECK(json::parse(again.out)["detail"] == "Analysis job already in progress");
    CHECK(server.requests_to("/api/v1/books/3/analysis/generate-async").back()["status"] == 409);
}

TEST_CASE("a job that completes: exit 0, the final answer on stdout, several polls seen by the server") {
    DevServer server({"--job-pending-ms", "300", "--job-running-ms", "1500"});
    json job = start_analysis(server, 7);
    auto result = run_bmx({"GET", "/books/7/analysis/status", "--wait-until", completed, "--fail-if", failed, "--interval",
                           "0.2", "--wait-timeout", "60"},
                          with_key(server));
    CHECK(result.exit_code == 0);
    auto answer = json::parse(result.out);
    CHECK(answer["status"] == "completed");
    CHECK(answer["job_id"] == job["job_id"]);
    CHECK(answer["completed_at"].is_string());
    // In a pipe, a line per change of status.
    CHECK(contains(result.err, "bmx-api: wait: status running (poll "));
    CHECK(contains(result.err, "bmx-api: wait: status completed (poll "));
    auto polls = status_polls(server, 7);
    CHECK(polls.size() >= 4);  // 1.8 s of job at one poll every 0.2 s
    for (const json& poll : polls) {
        CHECK(poll["method"] == "GET");
        CHECK(poll["headers"]["x-api-key"] == test_key);
    }
    CHECK(polls.back()["status"] == 200);
    CHECK_FALSE(contains_key(result.out));
    CHECK_FALSE(contains_key(result.err));
}

TEST_CASE("--jq is applied to the final answer only") {
    DevServer server({"--job-pending-ms", "100", "--job-running-ms", "300"});
    start_analysis(server, 2);
    auto result = run_bmx({"GET", "/books/2/analysis/status", "--wait-until", completed, "--interval", "0.1", "--jq",
                           R"(.status + " " + .model)"},
                          with_key(server));
    CHECK(result.exit_code == 0);
    CHECK(result.out == "completed opus\n");
}

TEST_CASE("a job that fails under --fail-if: exit 1 within one interval of the failure, its error_message on stderr") {
    DevServer server({"--job-pending-ms", "200", "--job-running-ms", "800", "--job-fail", "Bedrock throttled the model"});
    auto before_start = Clock::now();
    start_analysis(server, 5);
    auto started = Clock::now();
    auto result = run_bmx({"GET", "/books/5/analysis/status", "--wait-until", completed, "--fail-if", failed, "--interval",
                           "0.5", "--wait-timeout", "60"},
                          with_key(server));
    // The job fails 1 s after it was created, which was between before_start and started.
    CHECK(since(before_start) >= milliseconds(1000));
    CHECK(since(started) <= milliseconds(1000 + 500 + 2000));  // failure + one interval + slack for a loaded machine
    CHECK(result.exit_code == 1);
    CHECK(json::parse(result.out)["status"] == "failed");
    CHECK(contains(result.err, "bmx-api: error: --fail-if '.status == \"failed\"' became true after "));
    CHECK(contains(result.err, "(status failed): Bedrock throttled the model"));
}

TEST_CASE("the deadline: exit 5 no sooner than --wait-timeout and within it plus one interval, with the last status") {
    DevServer server({"--job-pending-ms", "0", "--job-running-ms", "600000"});
    start_analysis(server, 4);
    auto start = Clock::now();
    auto result = run_bmx({"GET", "/books/4/analysis/status", "--wait-until", completed, "--interval", "0.5", "--wait-timeout",
                           "2"},
                          with_key(server));
    auto took = since(start);
    CHECK(result.exit_code == 5);
    CHECK(took >= milliseconds(2000));
    CHECK(took <= milliseconds(2000 + 500 + 2000));  // deadline + interval + slack for a loaded machine
    CHECK(contains(result.err, "bmx-api: error: --wait-until '.status == \"completed\"' still false after "));
    CHECK(contains(result.err, "; last status: running"));
    // The polls it counted are the requests the server received: 0, 0.5, 1, 1.5 and 2 s.
    auto polls = status_polls(server, 4);
    CHECK(polls_in_message(result.err) == static_cast<int>(polls.size()));
    CHECK(polls.size() >= 3);
    CHECK(polls.size() <= 5);
    // The last answer is still printed, for a script that wants to look at it.
    CHECK(json::parse(result.out)["status"] == "running");
}

TEST_CASE("a 404 while waiting is final: exit 1 at once, the body on stdout") {
    DevServer server;
    auto result = run_bmx({"GET", "/books/8/analysis/status", "--wait-until", completed, "--interval", "0.2"}, with_key(server));
    CHECK(result.exit_code == 1);
    CHECK(json::parse(result.out)["detail"] == "No analysis job found for this book");
    CHECK(contains(result.err, "bmx-api: error: HTTP 404 Not Found: No analysis job found for this book"));
    CHECK(status_polls(server, 8).size() == 1);

    auto missing_batch = run_bmx({"GET", "/entity/profiles/generate-all/status/no-such-job", "--wait-until", completed},
                                 with_key(server));
    CHECK(missing_batch.exit_code == 1);
    CHECK(contains(missing_batch.err, "Job no-such-job not found"));
}

TEST_CASE("503s with Retry-After are polled through, each next poll waiting what the server said") {
    DevServer server({"--fail-requests", "2", "--fail-status", "503", "--retry-after", "1"});
    auto start = Clock::now();
    auto result = run_bmx({"GET", "/books/3", "--wait-until", ".id == 3", "--interval", "0.1", "--jq", ".id"}, with_key(server));
    CHECK(result.exit_code == 0);
    CHECK(result.out == "3\n");
    CHECK(since(start) >= milliseconds(2000));  // two Retry-After: 1, not two 0.1 s intervals
    auto polls = server.requests_to("/api/v1/books/3");
    REQUIRE(polls.size() == 3);
    CHECK(polls[0]["status"] == 503);
    CHECK(polls[1]["status"] == 503);
    CHECK(polls[2]["status"] == 200);
    CHECK(contains(result.err, "bmx-api: wait: HTTP 503, polling again (poll 1, "));
}

TEST_CASE("a bad expression exits 2 and nothing is sent, nor is anything for another method or a misplaced option") {
    DevServer server;
    auto bad_until = run_bmx({"GET", "/books/1/analysis/status", "--wait-until", ".status =="}, with_key(server));
    CHECK(bad_until.exit_code == 2);
    CHECK(contains(bad_until.err, "invalid --wait-until expression '.status =='"));
    auto bad_fail = run_bmx({"GET", "/books/1/analysis/status", "--wait-until", completed, "--fail-if", ".status | nosuch"},
                            with_key(server));
    CHECK(bad_fail.exit_code == 2);
    CHECK(contains(bad_fail.err, "invalid --fail-if expression"));
    auto post = run_bmx({"POST", "/books/1/analysis/generate-async", "{}", "--wait-until", completed}, with_key(server));
    CHECK(post.exit_code == 2);
    CHECK(contains(post.err, "--wait-until polls with GET only, not POST"));
    auto alone = run_bmx({"GET", "/books/1/analysis/status", "--fail-if", failed, "--wait-timeout", "5"}, with_key(server));
    CHECK(alone.exit_code == 2);
    CHECK(contains(alone.err, "--fail-if, --wait-timeout go with --wait-until"));
    auto retry = run_bmx({"GET", "/books/1/analysis/status", "--wait-until", completed, "--retry", "3"}, with_key(server));
    CHECK(retry.exit_code == 2);
    CHECK(contains(retry.err, "--retry does not apply with --wait-until"));
    auto config = run_bmx({"config", "--wait-until", completed}, with_key(server));
    CHECK(config.exit_code == 2);
    auto before_verify = run_bmx({"--interval", "1", "verify"}, with_key(server));
    CHECK(before_verify.exit_code == 2);
    CHECK(before_verify.err == "bmx-api: error: --interval is an option of 'verify': put it after 'verify'\n");
    CHECK(server.requests().empty());
}

TEST_CASE("verify's own --interval still paces the version poll") {
    DevServer server({"--version", "3.7.3", "--version-after", "2:3.8.0"});
    auto start = Clock::now();
    auto result = run_bmx({"verify", "--expect-version", "3.8.0", "--interval", "1", "--wait-timeout", "30", "--checks", "version"},
                          with_key(server));
    CHECK(result.exit_code == 0);
    CHECK(since(start) >= milliseconds(2000));  // polls at 0, 1 and 2 s
    CHECK(server.requests_to("/api/v1/health/version").size() == 3);
}

TEST_CASE("Ctrl-C ends the wait with exit 130 and prints the last answer") {
    DevServer server({"--job-pending-ms", "0", "--job-running-ms", "600000"});
    start_analysis(server, 6);
    auto options = with_key(server);
    // Once the first poll has been reported, the wait is sleeping its 30 s interval.
    options.signal_when = [](const CommandResult& so_far) { return contains(so_far.err, "bmx-api: wait: status running"); };
    auto start = Clock::now();
    auto result = run_bmx({"GET", "/books/6/analysis/status", "--wait-until", completed, "--interval", "30"}, options);
    CHECK(result.exit_code == 130);
    CHECK(since(start) < milliseconds(10000));  // well inside the 30 s interval it was sleeping
    CHECK(json::parse(result.out)["status"] == "running");
    CHECK(contains(result.err, "bmx-api: interrupted after 1 poll over "));
    CHECK(contains(result.err, "; last status: running"));
    CHECK(status_polls(server, 6).size() == 1);
}

TEST_CASE("the entity-profile batch job can be started and waited for by its job id") {
    DevServer server({"--job-pending-ms", "100", "--job-running-ms", "400"});
    auto started = run_bmx({"POST", "/entity/profiles/generate-all", "--jq", ".job_id"}, with_key(server));
    REQUIRE(started.exit_code == 0);
    std::string job_id = started.out.substr(0, started.out.find('\n'));
    REQUIRE(job_id.size() == 36);
    auto result = run_bmx({"GET", "/entity/profiles/generate-all/status/" + job_id, "--wait-until", completed, "--interval",
                           "0.1", "--jq", R"jq("\(.succeeded) of \(.total_entities)")jq"},
                          with_key(server));
    CHECK(result.exit_code == 0);
    CHECK(result.out == "24 of 24\n");
}
