// Judges each poll of a --wait-until: transient, final, failed, met or not yet.
#include "poll/wait_until.hpp"

#include <fmt/format.h>

#include "http/retry_policy.hpp"
#include "poll/answer_fields.hpp"
#include "api/http_error.hpp"

namespace bmx::poll {
namespace {

// What the judge has learnt so far; becomes the WaitOutcome.
struct WaitState {
    explicit WaitState(WaitConditions& wait_conditions) : conditions(wait_conditions) {}
    WaitConditions& conditions;
    WaitEnd end = WaitEnd::timed_out;
    std::optional<http::PerformResult> last_answer;
    std::optional<std::string> last_status;
    std::optional<Error> error;
};

Judgement finish(WaitState& state, WaitEnd end, std::optional<Error> error = std::nullopt) {
    state.end = end;
    if (error) state.error = std::move(error);
    return Judgement::finished;
}

Judgement judge_error(WaitState& state, const Error& error, WaitProgress& progress) {
    progress.seen = error.message;
    progress.answered = false;
    state.error = error;
    if (!http::is_retryable_error(error)) return finish(state, WaitEnd::transport_error);
    progress.transient = true;
    return Judgement::poll_again;
}

// Whether a condition holds for the body; a jq error there ends the wait.
std::optional<Judgement> judge_condition(WaitState& state, jq::JqFilter& condition, const std::string& body,
                                         WaitEnd when_true) {
    auto holds = condition.holds(body);
    if (!holds) return finish(state, WaitEnd::condition_error, holds.take_error());
    if (*holds) return finish(state, when_true);
    return std::nullopt;
}

Judgement judge_answer(WaitState& state, const http::PerformResult& result, WaitProgress& progress) {
    const http::HttpResponse& response = result.response;
    state.last_answer = result;
    state.error.reset();
    progress.seen = fmt::format("HTTP {}", response.status);
    AnswerFields fields = read_answer_fields(response.body);
    if (fields.status) {
        progress.status = fields.status;
        state.last_status = fields.status;
    }
    if (http::is_retryable_status(response.status)) {
        progress.transient = true;
        state.error = api::http_error(response);
        return Judgement::poll_again;
    }
    if (response.status >= 400) return finish(state, WaitEnd::http_error, api::http_error(response));
    if (state.conditions.fail_if) {
        if (auto judged = judge_condition(state, *state.conditions.fail_if, response.body, WaitEnd::failed)) return *judged;
    }
    if (auto judged = judge_condition(state, state.conditions.until, response.body, WaitEnd::met)) return *judged;
    return Judgement::poll_again;
}

WaitEnd wait_end(PollEnd end, const WaitState& state) {
    switch (end) {
        case PollEnd::finished: return state.end;
        case PollEnd::timed_out: return WaitEnd::timed_out;
        case PollEnd::interrupted: return WaitEnd::interrupted;
    }
    return WaitEnd::timed_out;
}

}  // namespace

WaitOutcome wait_until(const PollFetch& fetch, WaitConditions& conditions, const PollSchedule& schedule,
                       const Clock& clock, Sleeper& sleeper, const WaitProgressHook& on_poll) {
    WaitState state{conditions};
    auto judge = [&](const PollRun& run) {
        WaitProgress progress;
        progress.polls = run.polls;
        progress.elapsed = run.elapsed;
        const auto& outcome = *run.last;
        Judgement judgement = outcome ? judge_answer(state, *outcome, progress) : judge_error(state, outcome.error(), progress);
        if (on_poll) on_poll(progress);
        return judgement;
    };
    PollRun run = run_poll(fetch, judge, schedule, clock, sleeper);

    WaitOutcome outcome;
    outcome.end = wait_end(run.end, state);
    outcome.polls = run.polls;
    outcome.elapsed = run.elapsed;
    // A Ctrl-C right after a poll ends the run before that answer is judged; it is still the latest.
    if (run.end == PollEnd::interrupted && run.last && run.last->ok()) {
        state.last_answer = **run.last;
        if (auto status = read_answer_fields(state.last_answer->response.body).status) state.last_status = status;
    }
    outcome.last_answer = std::move(state.last_answer);
    outcome.last_status = std::move(state.last_status);
    outcome.error = std::move(state.error);
    return outcome;
}

}  // namespace bmx::poll
