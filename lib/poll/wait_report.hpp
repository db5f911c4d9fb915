// The words a --wait-until prints on stderr: the status line, and why the wait ended.
#pragma once

#include <string>

#include "poll/wait_until.hpp"

namespace bmx::poll {

// For a terminal's status line, redrawn in place: "waiting 12 s, 3 polls, status running".
std::string progress_line(const WaitProgress& progress);

// What a pipe's log prints a line for each time it changes: "status running", "HTTP 503", "no answer".
std::string progress_state(const WaitProgress& progress);

// One line of that log: "wait: status running (poll 2, 5 s)".
std::string progress_log_line(const WaitProgress& progress);

// "--wait-until '.status == "completed"' still false after 600 s and 121 polls; last status: running"
std::string timed_out_message(const WaitOutcome& outcome, const std::string& until_expression);

// "--fail-if '.status == "failed"' became true after 4 polls over 15 s (status failed): <error_message or detail>"
std::string failed_message(const WaitOutcome& outcome, const std::string& fail_if_expression);

// "interrupted after 3 polls over 12 s; last status: running"
std::string interrupted_message(const WaitOutcome& outcome);

}  // namespace bmx::poll
