// --wait-until's judge with an injected clock: which answers end the wait, which are polled
// again, and what the wait says when it ends.
#include <doctest/doctest.h>

#include "poll/fake_time.hpp"
#include "poll/wait_report.hpp"
#include "poll/wait_until.hpp"

using namespace bmx;
using namespace bmx::testing;
using namespace std::chrono_literals;
using poll::WaitEnd;

namespace {

poll::WaitConditions conditions(const std::string& until, const std::optional<std::string>& fail_if = std::nullopt) {
    auto compiled = jq::JqFilter::compile(until, "--wait-until");
    REQUIRE(compiled.ok());
    std::optional<jq::JqFilter> failure;
    if (fail_if) {
        auto compiled_fail = jq::JqFilter::compile(*fail_if, "--fail-if");
        REQUIRE(compiled_fail.ok());
        failure.emplace(std::move(*compiled_fail));
    }
    return poll::WaitConditions{std::move(*compiled), std::move(failure)};
}

const std::string completed = R"(.status == "completed")";
const std::string failed = R"(.status == "failed")";

// Runs a wait over scripted outcomes (the last one repeats), 5 s apart with a 60 s deadline.
struct ScriptedWait {
    explicit ScriptedWait(std::vector<Result<http::PerformResult>> answers) : script(std::move(answers)) {}
    std::vector<Result<http::PerformResult>> script;
    FakeClock clock;
    FakeSleeper sleeper{clock};
    std::vector<poll::WaitProgress> progress;
    int polls = 0;

    poll::WaitOutcome run(poll::WaitConditions wait_conditions, milliseconds timeout = 60s) {
        poll::PollSchedule schedule;
        schedule.interval = 5s;
        schedule.timeout = timeout;
        auto fetch = [this](milliseconds) {
            ++polls;
            return script[std::min<std::size_t>(static_cast<std::size_t>(polls), script.size()) - 1];
        };
        return poll::wait_until(fetch, wait_conditions, schedule, clock, sleeper,
                                [this](const poll::WaitProgress& seen) { progress.push_back(seen); });
    }
};

Result<http::PerformResult> transport(bmx::Stage stage, const std::string& message) {
    return make_error(stage, message);
}

}  // namespace

TEST_CASE("the wait ends when --wait-until is true, with that answer as the last one") {
    ScriptedWait wait{{job_answer("pending"), job_answer("running"), job_answer("completed")}};
    auto outcome = wait.run(conditions(completed));
    CHECK(outcome.end == WaitEnd::met);
    CHECK(outcome.polls == 3);
    CHECK(outcome.elapsed == 10s);
    CHECK(outcome.last_status == "completed");
    REQUIRE(outcome.last_answer.has_value());
    CHECK(outcome.last_answer->response.body.find(R"("status":"completed")") != std::string::npos);
    CHECK_FALSE(outcome.error.has_value());
    REQUIRE(wait.progress.size() == 3);
    CHECK(wait.progress[0].status == "pending");
    CHECK(wait.progress[1].status == "running");
    CHECK(wait.progress[2].polls == 3);
}

TEST_CASE("--fail-if ends the wait as soon as it is true, before --wait-until is looked at") {
    ScriptedWait wait{{job_answer("running"), job_answer("failed", "Bedrock throttled the model")}};
    // This --wait-until is true for a failed job too: --fail-if must win.
    auto outcome = wait.run(conditions(R"(.status == "completed" or .status == "failed")", failed));
    CHECK(outcome.end == WaitEnd::failed);
    CHECK(outcome.polls == 2);
    CHECK(outcome.elapsed == 5s);
    CHECK(poll::failed_message(outcome, failed) ==
          R"(--fail-if '.status == "failed"' became true after 2 polls over 5 s (status failed): Bedrock throttled the model)");
}

TEST_CASE("an answer of 400 or above that waiting will not change ends the wait at once") {
    for (long status : {400L, 401L, 403L, 404L, 409L, 422L, 501L}) {
        CAPTURE(status);
        ScriptedWait wait{{answer(status, R"({"detail":"No analysis job found for this book"})")}};
        auto outcome = wait.run(conditions(completed));
        CHECK(outcome.end == WaitEnd::http_error);
        CHECK(outcome.polls == 1);
        REQUIRE(outcome.error.has_value());
        CHECK(outcome.error->http_status == status);
        CHECK(outcome.error->message.find("No analysis job found for this book") != std::string::npos);
    }
}

TEST_CASE("408, 429, 5xx gateway answers and network errors are polled again, and TLS failures are final") {
    ScriptedWait wait{{answer(503, R"({"detail":"Service temporarily unavailable"})"), answer(429, "{}"),
                       transport(bmx::Stage::connect, "could not connect: Connection refused"), answer(502, "bad gateway"),
                       transport(bmx::Stage::timeout, "no complete answer within 1 s"), answer(504, ""), answer(500, "{}"),
                       answer(408, "{}"), job_answer("completed")}};
    auto outcome = wait.run(conditions(completed));
    CHECK(outcome.end == WaitEnd::met);
    CHECK(outcome.polls == 9);
    CHECK(wait.progress[0].transient);
    CHECK(wait.progress[0].seen == "HTTP 503");
    CHECK(wait.progress[2].seen == "could not connect: Connection refused");
    CHECK_FALSE(wait.progress[2].answered);
    CHECK(wait.progress[1].answered);
    CHECK_FALSE(wait.progress[8].transient);

    ScriptedWait tls{{transport(bmx::Stage::tls, "certificate verify failed")}};
    auto final_outcome = tls.run(conditions(completed));
    CHECK(final_outcome.end == WaitEnd::transport_error);
    CHECK(final_outcome.polls == 1);
    REQUIRE(final_outcome.error.has_value());
    CHECK(final_outcome.error->stage == bmx::Stage::tls);
}

TEST_CASE("a condition that fails on an answer ends the wait with its error") {
    ScriptedWait wait{{answer(200, "<html>not json</html>")}};
    auto outcome = wait.run(conditions(completed));
    CHECK(outcome.end == WaitEnd::condition_error);
    REQUIRE(outcome.error.has_value());
    CHECK(outcome.error->stage == bmx::Stage::jq);
    CHECK(outcome.error->message.find("--wait-until: the response is not JSON") == 0);
}

TEST_CASE("at the deadline the wait says the last status, the polls and the time waited") {
    ScriptedWait wait{{job_answer("pending"), job_answer("running")}};
    auto outcome = wait.run(conditions(completed), 12s);
    CHECK(outcome.end == WaitEnd::timed_out);
    CHECK(outcome.polls == 4);  // 0, 5, 10 and the deadline, 12 s
    CHECK(outcome.elapsed == 12s);
    CHECK(outcome.last_status == "running");
    CHECK(poll::timed_out_message(outcome, completed) ==
          R"(--wait-until '.status == "completed"' still false after 12 s and 4 polls; last status: running)");
}

TEST_CASE("a deadline reached while the server fails keeps the last status and names the last poll's problem") {
    ScriptedWait wait{{job_answer("running"), answer(503, R"({"detail":"Service temporarily unavailable"})")}};
    auto outcome = wait.run(conditions(completed), 10s);
    CHECK(outcome.end == WaitEnd::timed_out);
    CHECK(outcome.last_status == "running");
    REQUIRE(outcome.last_answer.has_value());
    CHECK(outcome.last_answer->response.status == 503);
    CHECK(poll::timed_out_message(outcome, completed) ==
          R"(--wait-until '.status == "completed"' still false after 10 s and 3 polls; last status: running; )"
          R"(last poll: HTTP 503: Service temporarily unavailable)");
}

TEST_CASE("Ctrl-C ends the wait, keeping the last answer") {
    ScriptedWait wait{{job_answer("pending"), job_answer("running")}};
    wait.sleeper.interrupt_during_sleep(2);
    auto outcome = wait.run(conditions(completed));
    CHECK(outcome.end == WaitEnd::interrupted);
    CHECK(outcome.polls == 2);
    CHECK(outcome.last_status == "running");
    CHECK(poll::interrupted_message(outcome) == "interrupted after 2 polls over 7.5 s; last status: running");
}

TEST_CASE("the status line shows elapsed time, polls and .status, and the log line changes only when the state does") {
    poll::WaitProgress running{3, 12000ms, std::string("running"), "HTTP 200", false};
    CHECK(poll::progress_line(running) == "waiting 12 s, 3 polls, status running");
    CHECK(poll::progress_log_line(running) == "wait: status running (poll 3, 12 s)");
    poll::WaitProgress unavailable{4, 15000ms, std::nullopt, "HTTP 503", true};
    CHECK(poll::progress_line(unavailable) == "waiting 15 s, 4 polls, last poll: HTTP 503");
    CHECK(poll::progress_log_line(unavailable) == "wait: HTTP 503, polling again (poll 4, 15 s)");
    poll::WaitProgress no_status{1, 0ms, std::nullopt, "HTTP 200", false};
    CHECK(poll::progress_line(no_status) == "waiting 0 s, 1 poll, HTTP 200");
    CHECK(poll::progress_state(running) != poll::progress_state(unavailable));
    CHECK(poll::progress_state(running) == poll::progress_state(poll::WaitProgress{5, 20000ms, std::string("running"), "HTTP 200", false}));
    // Network errors are one state, however their messages differ.
    poll::WaitProgress refused{6, 25000ms, std::nullopt, "could not connect: ... after 0 ms", true, false};
    poll::WaitProgress refused_again{7, 30000ms, std::nullopt, "could not connect: ... after 3 ms", true, false};
    CHECK(poll::progress_state(refused) == poll::progress_state(refused_again));
    CHECK(poll::progress_log_line(refused) == "wait: could not connect: ... after 0 ms, polling again (poll 6, 25 s)");
}

TEST_CASE("a failed job's reason is its error_message, else the answer's detail") {
    poll::WaitOutcome outcome;
    outcome.end = WaitEnd::failed;
    outcome.polls = 1;
    outcome.last_answer = answer(200, R"({"status":"failed","error_message":null,"detail":"quota exceeded"})");
    outcome.last_status = "failed";
    CHECK(poll::failed_message(outcome, failed) ==
          R"(--fail-if '.status == "failed"' became true after 1 poll over 0 s (status failed): quota exceeded)");
    outcome.last_answer = answer(200, R"({"status":"failed","error_message":null})");
    CHECK(poll::failed_message(outcome, failed) ==
          R"(--fail-if '.status == "failed"' became true after 1 poll over 0 s (status failed))");
}
