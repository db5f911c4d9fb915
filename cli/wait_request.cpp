// Runs a --wait-until: Ctrl-C handling, the status line on stderr, the last answer on stdout, the exit code.
#include "wait_request.hpp"

#include <signal.h>

#include <cstdio>
#include <cstdlib>

#include <fmt/format.h>

#include "answer_output.hpp"
#include "exit_codes.hpp"
#include "output.hpp"
#include "core/text.hpp"
#include "poll/request_fetch.hpp"
#include "poll/wait_report.hpp"
#include "report/suites.hpp"
#include "api/http_error.hpp"

namespace bmx::cli {
namespace {

using std::chrono::milliseconds;

constexpr double default_interval_seconds = 5;
constexpr double default_timeout_seconds = 600;

poll::InterruptFlag wait_interrupted{false};

extern "C" void on_wait_interrupt(int) {
    // The first Ctrl-C ends the wait cleanly; a second leaves at once, in case that is stuck.
    if (wait_interrupted.exchange(true)) std::_Exit(exit_cancelled);
}

// Installs the Ctrl-C handler for the length of a wait.
class WaitInterruptScope {
public:
    WaitInterruptScope() {
        wait_interrupted.store(false);
        struct sigaction action {};
        action.sa_handler = on_wait_interrupt;
        sigemptyset(&action.sa_mask);
        ::sigaction(SIGINT, &action, &previous_);
    }
    ~WaitInterruptScope() { ::sigaction(SIGINT, &previous_, nullptr); }
    WaitInterruptScope(const WaitInterruptScope&) = delete;
    WaitInterruptScope& operator=(const WaitInterruptScope&) = delete;

private:
    struct sigaction previous_ {};
};

// On a terminal, one line redrawn in place; in a pipe, a line each time what the polls see changes.
class WaitStatusLine {
public:
    explicit WaitStatusLine(bool terminal) : terminal_(terminal) {}
    void show(const poll::WaitProgress& progress) {
        if (terminal_) {
            write_stderr(fmt::format("\r\033[Kbmx-api: {}", stderr_text(poll::progress_line(progress))));
            std::fflush(stderr);
            shown_ = true;
            return;
        }
        std::string state = poll::progress_state(progress);
        if (state == last_state_) return;
        last_state_ = std::move(state);
        print_note(poll::progress_log_line(progress));
    }
    // Erases the terminal line so the final messages start on a clean one.
    void clear() {
        if (!shown_) return;
        std::fputs("\r\033[K", stderr);
        std::fflush(stderr);
        shown_ = false;
    }

private:
    bool terminal_;
    bool shown_ = false;
    std::string last_state_;
};

// How a wait's own endings (--fail-if, the deadline) are told: like print_error's errors, though
// they are no Error of any stage (cli/ maps each WaitEnd to its exit code itself).
void print_wait_error(const std::string& message) { write_stderr(fmt::format("bmx-api: error: {}\n", stderr_text(message))); }

milliseconds seconds_to_ms(double seconds) { return milliseconds(static_cast<long long>(seconds * 1000.0 + 0.5)); }

// --paginate and the --retry options do not mix with a wait, which retries by itself.
std::string conflicting_options(const ScriptingOptions& scripting) {
    std::vector<std::string> given;
    if (scripting.paginate) given.push_back("--paginate");
    if (scripting.max_pages_mib) given.push_back("--max-pages-mib");
    if (scripting.retry) given.push_back("--retry");
    if (scripting.retry_delay_seconds) given.push_back("--retry-delay");
    if (scripting.retry_all) given.push_back("--retry-all");
    if (given.empty()) return "";
    return fmt::format("{} {} not apply with --wait-until (it polls again after 408, 429, 5xx and network errors "
                       "until --wait-timeout)",
                       fmt::join(given, ", "), given.size() == 1 ? "does" : "do");
}

// What stderr says about an answer: its -i/-v heads, --timing and the server's warnings.
void print_answer_notes(const http::HttpResponse& response, const GlobalOptions& global) {
    print_exchange_heads(response, global);
    if (global.scripting.timing) print_note(timing_text(response.timing));
    for (const std::string& warning : api::server_warnings(response)) print_warning(warning);
}

// The last answer on stdout, after its notes on stderr; --jq applies below 400.
// Returns the exit code printing it calls for (6 when --jq fails on it, else 0).
int print_last_answer(const poll::WaitOutcome& outcome, std::optional<jq::JqFilter>& filter, const GlobalOptions& global) {
    if (!outcome.last_answer) return exit_ok;
    const http::HttpResponse& response = outcome.last_answer->response;
    print_answer_notes(response, global);
    if (response.status >= 400) {
        if (auto unshown = print_body(response.body)) print_note(unshown->message);
        return exit_ok;
    }
    return print_success_body(response.body, filter);
}

int report_outcome(const poll::WaitOutcome& outcome, WaitPlan& plan, std::optional<jq::JqFilter>& filter,
                   const env::ApiContext& context, const GlobalOptions& global) {
    using poll::WaitEnd;
    switch (outcome.end) {
        case WaitEnd::met:
            return print_last_answer(outcome, filter, global);
        case WaitEnd::failed:
            print_last_answer(outcome, filter, global);
            print_wait_error(poll::failed_message(outcome, plan.conditions.fail_if->expression()));
            return exit_http;
        case WaitEnd::http_error:
            print_answer_notes(outcome.last_answer->response, global);
            return report_http_error(outcome.last_answer->response, context);
        case WaitEnd::transport_error:
            return report_error(*outcome.error);
        case WaitEnd::condition_error:
            if (!outcome.last_answer) return report_error(*outcome.error);
            print_answer_notes(outcome.last_answer->response, global);
            return report_unusable_answer(outcome.last_answer->response.body, *outcome.error);
        case WaitEnd::timed_out:
            print_last_answer(outcome, filter, global);
            print_wait_error(poll::timed_out_message(outcome, plan.conditions.until.expression()));
            return exit_wait_timeout;
        case WaitEnd::interrupted:
            print_last_answer(outcome, filter, global);
            print_note(poll::interrupted_message(outcome));
            return exit_cancelled;
    }
    return exit_usage;
}

}  // namespace

Result<WaitPlan> plan_wait(const GlobalOptions& global, const std::string& method, const std::string& path) {
    const WaitOptions& wait = global.scripting.wait;
    if (!wait.until) {
        auto given = wait.given();
        return make_error(bmx::Stage::usage, fmt::format("{} {} with --wait-until", fmt::join(given, ", "),
                                               given.size() == 1 ? "goes" : "go"));
    }
    if (!iequals(method, "GET"))
        return make_error(bmx::Stage::usage, fmt::format("--wait-until polls with GET only, not {} (start a job with one "
                                               "command, then wait on its status with GET)",
                                               method));
    if (auto conflict = conflicting_options(global.scripting); !conflict.empty()) return make_error(bmx::Stage::usage, conflict);
    auto until = jq::JqFilter::compile(*wait.until, "--wait-until");
    if (!until) return until.take_error();
    std::optional<jq::JqFilter> fail_if;
    if (wait.fail_if) {
        auto compiled = jq::JqFilter::compile(*wait.fail_if, "--fail-if");
        if (!compiled) return compiled.take_error();
        fail_if.emplace(std::move(*compiled));
    }
    poll::PollSchedule schedule;
    schedule.interval = seconds_to_ms(wait.interval_seconds.value_or(default_interval_seconds));
    schedule.timeout = seconds_to_ms(wait.timeout_seconds.value_or(default_timeout_seconds));
    schedule.max_request_time = seconds_to_ms(global.timeout_seconds);
    auto ci = plan_ci_report(global.ci);
    if (!ci) return ci.take_error();
    return WaitPlan{poll::WaitConditions{std::move(*until), std::move(fail_if)}, schedule, std::move(*ci),
                    fmt::format("GET {}", path)};
}

int run_wait(const http::HttpRequest& request, WaitPlan& plan, std::optional<jq::JqFilter>& filter,
             const env::ApiContext& context, const GlobalOptions& global) {
    WaitInterruptScope interrupt_scope;
    poll::SteadyClock clock;
    poll::InterruptibleSleeper sleeper{CancelToken(wait_interrupted)};
    WaitStatusLine status_line(stderr_is_terminal());
    auto outcome = poll::wait_until(poll::request_fetch(request, CancelToken(wait_interrupted)), plan.conditions, plan.schedule,
                                    clock, sleeper, [&](const poll::WaitProgress& progress) { status_line.show(progress); });
    status_line.clear();
    int code = report_outcome(outcome, plan, filter, context, global);
    if (!plan.ci.any()) return code;
    report::WaitDescription described{plan.request, plan.conditions.until.expression(),
                                      plan.conditions.fail_if ? plan.conditions.fail_if->expression() : ""};
    return deliver_ci_report(report::wait_suite(outcome, described), plan.ci, code);
}

}  // namespace bmx::cli
