// Judges /health/version answers for the shared poll engine and says what was expected and what came back.
#include "verify/version_check.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "api/http_error.hpp"
#include "core/json_parse.hpp"

namespace bmx::verify {
namespace {

using std::chrono::milliseconds;

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

Result<VersionAnswer> read_version_answer(const http::HttpResponse& response) {
    if (response.status >= 400) return api::http_error(response);
    auto document = parse_json_within_depth(response.body);
    if (document.is_discarded() || !document.is_object())
        return make_error(Stage::http, fmt::format("HTTP {} with a body that is not a JSON object", response.status));
    auto version = document.find("version");
    if (version == document.end() || !version->is_string())
        return make_error(Stage::http, fmt::format("HTTP {} without a \"version\" string", response.status));
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
                         milliseconds interval, const poll::Clock& clock, poll::Sleeper& sleeper) {
    VersionPoll version_poll;
    version_poll.result.name = "version";
    std::string last_problem;
    auto judge = [&](const poll::PollRun& run) {
        const auto& fetched = *run.last;
        last_problem.clear();
        if (!fetched) {
            last_problem = fetched.error().message;
            return poll::Judgement::poll_again;
        }
        version_poll.result.timing = fetched->response.timing;
        auto answer = read_version_answer(fetched->response);
        if (!answer) {
            last_problem = answer.error().message;
            return poll::Judgement::poll_again;
        }
        version_poll.last_answer = std::move(*answer);
        return version_arrived(*version_poll.last_answer, expected) ? poll::Judgement::finished : poll::Judgement::poll_again;
    };
    poll::PollSchedule schedule;
    schedule.interval = interval;
    schedule.timeout = timeout;
    schedule.max_request_time = interval;
    poll::PollRun run = poll::run_poll(fetch, judge, schedule, clock, sleeper);

    version_poll.result.attempts = run.polls;
    Verdict verdict = run.end == poll::PollEnd::finished
                          ? arrived_verdict(*version_poll.last_answer, expected, run.polls, run.elapsed)
                          : timed_out_verdict(version_poll.last_answer, last_problem, expected, run.polls, run.elapsed);
    version_poll.result.status = verdict.status;
    version_poll.result.detail = std::move(verdict.detail);
    return version_poll;
}

}  // namespace bmx::verify
