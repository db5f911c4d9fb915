// Polls /health/version on a fixed schedule and says what was expected and what came back.
#include "verify/version_check.hpp"

#include <algorithm>
#include <cmath>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "api/http_error.hpp"

namespace bmx::verify {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// No poll gets less than this to answer, even when the deadline is nearly up.
constexpr milliseconds min_request_timeout{1000};

std::string attempts_text(int attempts) { return attempts == 1 ? "1 attempt" : fmt::format("{} attempts", attempts); }

Verdict arrived_verdict(const VersionAnswer& answer, const std::optional<std::string>& expected, int attempts,
                        milliseconds elapsed) {
    if (!expected) return {CheckStatus::passed, fmt::format("reachable: version {}", answer.version)};
    if (attempts == 1) return {CheckStatus::passed, fmt::format("version {}", answer.version)};
    return {CheckStatus::passed,
            fmt::format("version {} after {} over {}", answer.version, attempts_text(attempts), seconds_text(elapsed))};
}

Verdict timed_out_verdict(const std::optional<VersionAnswer>& last_answer, const std::string& last_problem,
                          const std::optional<std::string>& expected, int attempts, milliseconds elapsed) {
    std::string over = fmt::format("after {} over {}", attempts_text(attempts), seconds_text(elapsed));
    if (expected && last_answer) {
        std::string detail = fmt::format("expected version {}, still {} {}", *expected, last_answer->version, over);
        if (!last_problem.empty()) detail += fmt::format(" (last attempt: {})", last_problem);
        return {CheckStatus::failed, std::move(detail)};
    }
    if (expected)
        return {CheckStatus::failed,
                fmt::format("expected version {}, but /health/version never answered {}: {}", *expected, over, last_problem)};
    return {CheckStatus::failed, fmt::format("/health/version never answered {}: {}", over, last_problem)};
}

}  // namespace

std::string seconds_text(milliseconds duration) {
    double seconds = std::round(static_cast<double>(duration.count()) / 100.0) / 10.0;
    return fmt::format("{:g} s", seconds);
}

Result<VersionAnswer> read_version_answer(const http::HttpResponse& response) {
    if (response.status >= 400) return api::http_error(response);
    auto document = nlohmann::json::parse(response.body, nullptr, false);
    if (document.is_discarded() || !document.is_object())
        return make_error("http", fmt::format("HTTP {} with a body that is not a JSON object", response.status));
    auto version = document.find("version");
    if (version == document.end() || !version->is_string())
        return make_error("http", fmt::format("HTTP {} without a \"version\" string", response.status));
    VersionAnswer answer;
    answer.version = version->get<std::string>();
    if (auto environment = document.find("environment"); environment != document.end() && environment->is_string())
        answer.environment = environment->get<std::string>();
    return answer;
}

bool version_arrived(const VersionAnswer& answer, const std::optional<std::string>& expected) {
    return !expected || answer.version == *expected;
}

VersionPoll poll_version(const VersionFetch& fetch, const std::optional<std::string>& expected, milliseconds timeout,
                         milliseconds interval) {
    auto start = Clock::now();
    auto deadline = start + timeout;
    interval = std::max(interval, milliseconds(1));
    VersionPoll poll;
    poll.result.name = "version";
    std::string last_problem;
    for (int attempt = 1;; ++attempt) {
        auto remaining = std::chrono::duration_cast<milliseconds>(deadline - Clock::now());
        auto request_timeout = std::max(min_request_timeout, std::min(interval, remaining));
        poll.result.attempts = attempt;
        auto fetched = fetch(request_timeout);
        last_problem.clear();
        if (!fetched) {
            last_problem = fetched.error().message;
        } else {
            poll.result.timing = fetched->response.timing;
            auto answer = read_version_answer(fetched->response);
            if (!answer) last_problem = answer.error().message;
            else poll.last_answer = std::move(*answer);
        }
        auto elapsed = std::chrono::duration_cast<milliseconds>(Clock::now() - start);
        if (last_problem.empty() && version_arrived(*poll.last_answer, expected)) {
            auto verdict = arrived_verdict(*poll.last_answer, expected, attempt, elapsed);
            poll.result.status = verdict.status;
            poll.result.detail = std::move(verdict.detail);
            return poll;
        }
        auto next = start + interval * attempt;
        if (next > deadline || Clock::now() >= deadline) {
            auto verdict = timed_out_verdict(poll.last_answer, last_problem, expected, attempt, elapsed);
            poll.result.status = verdict.status;
            poll.result.detail = std::move(verdict.detail);
            return poll;
        }
        std::this_thread::sleep_until(next);
    }
}

}  // namespace bmx::verify
