// The suites CI reports are made of: verify's checks, an upload's files, a --wait-until's wait.
#pragma once

#include <string>
#include <vector>

#include "poll/wait_until.hpp"
#include "report/ci_suite.hpp"
#include "upload/file_status.hpp"
#include "verify/verify_report.hpp"

namespace bmx::report {

// "verify ENV": a case per check, named as the check; a warning is a warning case, a skipped
// check a skipped one with its reason.
CiSuite verify_suite(const verify::VerifyReport& report);

// "upload to book N": a case per input file (classname "book N", or the path an --image upload
// went to; name and file= the path as given). Failed and cancelled files fail, with their stage
// and reason; a stored file with warnings is a warning case.
CiSuite upload_suite(const std::string& book, const std::vector<upload::FileStatus>& statuses, double elapsed_seconds);

// What a --wait-until waited on, and the words its ending is told in.
struct WaitDescription {
    std::string request;     // "GET /books/12/analysis/status"
    std::string until;       // the --wait-until expression
    std::string fail_if;     // the --fail-if expression, or empty
};

// "wait-until REQUEST": one case, passed when the condition was met, failed otherwise (--fail-if,
// the deadline, an error answer, Ctrl-C), with the message stderr gives.
CiSuite wait_suite(const poll::WaitOutcome& outcome, const WaitDescription& wait);

// A run that stopped before its checks, files or polls began (no API key, a bad base URL): one
// failed case named "setup", so a pipeline still finds a report saying why.
CiSuite setup_failure_suite(const std::string& name, const std::string& title, const Error& error);

}  // namespace bmx::report
