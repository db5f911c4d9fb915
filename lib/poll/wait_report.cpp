// Formats a wait's progress and its ending for people; scripts read the exit code and stdout.
#include "poll/wait_report.hpp"

#include <fmt/format.h>

#include "poll/answer_fields.hpp"

namespace bmx::poll {
namespace {

std::string polls_text(int polls) { return polls == 1 ? "1 poll" : fmt::format("{} polls", polls); }

// "; last status: running", or what the latest poll saw when no answer had a status.
std::string last_seen_text(const WaitOutcome& outcome) {
    std::string text;
    if (outcome.last_status) text = fmt::format("; last status: {}", *outcome.last_status);
    else if (outcome.last_answer) text = fmt::format("; last answer: HTTP {}", outcome.last_answer->response.status);
    if (outcome.error) text += fmt::format("; last poll: {}", outcome.error->message);
    return text;
}

}  // namespace

std::string progress_line(const WaitProgress& progress) {
    std::string line = fmt::format("waiting {}, {}", seconds_text(progress.elapsed), polls_text(progress.polls));
    if (progress.status) line += fmt::format(", status {}", *progress.status);
    if (progress.transient) line += fmt::format(", last poll: {}", progress.seen);
    else if (!progress.status) line += fmt::format(", {}", progress.seen);
    return line;
}

std::string progress_state(const WaitProgress& progress) {
    // Network errors count as one state: their messages vary from poll to poll ("after 3 ms").
    if (!progress.answered) return "no answer";
    if (progress.transient || !progress.status) return progress.seen;
    return "status " + *progress.status;
}

std::string progress_log_line(const WaitProgress& progress) {
    std::string said = progress.answered ? progress_state(progress) : progress.seen;
    if (progress.transient) said += ", polling again";
    return fmt::format("wait: {} (poll {}, {})", said, progress.polls, seconds_text(progress.elapsed));
}

std::string timed_out_message(const WaitOutcome& outcome, const std::string& until_expression) {
    return fmt::format("--wait-until '{}' still false after {} and {}{}", until_expression,
                       seconds_text(outcome.elapsed), polls_text(outcome.polls), last_seen_text(outcome));
}

std::string failed_message(const WaitOutcome& outcome, const std::string& fail_if_expression) {
    std::string message = fmt::format("--fail-if '{}' became true after {} over {}", fail_if_expression,
                                      polls_text(outcome.polls), seconds_text(outcome.elapsed));
    if (outcome.last_status) message += fmt::format(" (status {})", *outcome.last_status);
    if (!outcome.last_answer) return message;
    if (auto reason = read_answer_fields(outcome.last_answer->response.body).reason) message += ": " + *reason;
    return message;
}

std::string interrupted_message(const WaitOutcome& outcome) {
    return fmt::format("interrupted after {} over {}{}", polls_text(outcome.polls), seconds_text(outcome.elapsed),
                       last_seen_text(outcome));
}

}  // namespace bmx::poll
