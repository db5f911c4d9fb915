#include "report/suites.hpp"

#include <fmt/format.h>

#include "api/http_error.hpp"
#include "poll/poll_engine.hpp"
#include "poll/wait_report.hpp"
#include "status/upload_status.hpp"

namespace bmx::report {
namespace {

CaseOutcome check_outcome(verify::CheckStatus status) {
    switch (status) {
        case verify::CheckStatus::passed: return CaseOutcome::passed;
        case verify::CheckStatus::failed: return CaseOutcome::failed;
        case verify::CheckStatus::warning: return CaseOutcome::warning;
        case verify::CheckStatus::skipped: return CaseOutcome::skipped;
    }
    return CaseOutcome::failed;
}

std::string stored_message(const upload::FileStatus& status) {
    std::string word = status.state == upload::UploadState::would_upload ? "would upload" : upload::upload_state_name(status.state);
    std::string message = word;
    if (status.image_id) message += fmt::format(" as image {}", *status.image_id);
    if (status.display_order) message += fmt::format(", display_order {}", *status.display_order);
    return message;
}

std::string join(const std::vector<std::string>& lines) { return fmt::format("{}", fmt::join(lines, "; ")); }

}  // namespace

CiSuite verify_suite(const verify::VerifyReport& report) {
    CiSuite suite;
    suite.name = "verify " + report.environment;
    suite.title = "bmx-api verify";
    suite.seconds = report.elapsed_ms / 1000.0;
    for (const verify::CheckResult& check : report.checks)
        suite.cases.push_back(CiCase{suite.name, check.name, check.elapsed_ms / 1000.0, check_outcome(check.status),
                                     check.detail, ""});
    suite.summary = verify::summary_line(report);
    return suite;
}

CiSuite upload_suite(const std::string& book, const std::vector<upload::FileStatus>& statuses, double elapsed_seconds) {
    CiSuite suite;
    suite.name = "upload to " + book;
    suite.title = "bmx-api upload";
    suite.seconds = elapsed_seconds;
    const std::string& classname = book;
    for (const upload::FileStatus& status : statuses) {
        CiCase file{classname, status.file, status.elapsed_ms / 1000.0, CaseOutcome::passed, "", status.file};
        if (status.state == upload::UploadState::failed || status.state == upload::UploadState::cancelled ||
            status.state == upload::UploadState::pending) {
            file.outcome = CaseOutcome::failed;
            file.message = status.error ? fmt::format("{} [{}] {}", upload::upload_state_name(status.state),
                                                      stage_name(status.error->stage), status.error->message)
                                        : upload::upload_state_name(status.state);
        } else if (!status.warnings.empty()) {
            file.outcome = CaseOutcome::warning;
            file.message = stored_message(status) + "; " + join(status.warnings);
        } else {
            file.message = stored_message(status);
        }
        suite.cases.push_back(std::move(file));
    }
    suite.summary = fmt::format("upload to {}: {}", book, status::upload_summary_line(statuses));
    return suite;
}

CiSuite wait_suite(const poll::WaitOutcome& outcome, const WaitDescription& wait) {
    using poll::WaitEnd;
    CiSuite suite;
    suite.name = "wait-until " + wait.request;
    suite.title = "bmx-api --wait-until";
    suite.seconds = static_cast<double>(outcome.elapsed.count()) / 1000.0;
    CiCase waited{"wait", fmt::format("{} --wait-until {}", wait.request, wait.until), suite.seconds, CaseOutcome::failed, "", ""};
    switch (outcome.end) {
        case WaitEnd::met:
            waited.outcome = CaseOutcome::passed;
            waited.message = fmt::format("--wait-until '{}' became true after {} poll{} over {}", wait.until, outcome.polls,
                                         outcome.polls == 1 ? "" : "s", poll::seconds_text(outcome.elapsed));
            break;
        case WaitEnd::failed: waited.message = poll::failed_message(outcome, wait.fail_if); break;
        case WaitEnd::timed_out: waited.message = poll::timed_out_message(outcome, wait.until); break;
        case WaitEnd::interrupted: waited.message = poll::interrupted_message(outcome); break;
        case WaitEnd::http_error:
            waited.message = outcome.last_answer ? api::http_error(outcome.last_answer->response).message : "an error answer";
            break;
        case WaitEnd::transport_error:
        case WaitEnd::condition_error:
            waited.message = outcome.error ? outcome.error->message : "the wait could not go on";
            break;
    }
    suite.summary = fmt::format("{}: {}", suite.name, waited.outcome == CaseOutcome::passed ? "met" : waited.message);
    suite.cases.push_back(std::move(waited));
    return suite;
}

CiSuite setup_failure_suite(const std::string& name, const std::string& title, const Error& error) {
    CiSuite suite;
    suite.name = name;
    suite.title = title;
    suite.cases.push_back(CiCase{name, "setup", 0, CaseOutcome::failed, fmt::format("[{}] {}", stage_name(error.stage), error.message), ""});
    suite.summary = fmt::format("{}: not started: {}", name, error.message);
    return suite;
}

}  // namespace bmx::report
