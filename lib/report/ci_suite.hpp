// One run of verify, --wait-until or upload as a CI system sees it: a suite of cases, each
// passed, failed, skipped or warned, with the words and times a report shows.
#pragma once

#include <string>
#include <vector>

namespace bmx::report {

enum class CaseOutcome { passed, failed, skipped, warning };

struct CiCase {
    std::string classname;  // "verify staging", "book 12", "wait"
    std::string name;       // the check, the file, the request
    double seconds = 0;
    CaseOutcome outcome = CaseOutcome::passed;
    std::string message;    // why it failed, was skipped or warned; what it saw when it passed
    std::string file;       // the photo an upload case is about (a GitHub annotation's file=)
};

struct CiSuite {
    std::string name;      // "verify staging", "upload to book 12", "wait-until GET /jobs/7"
    std::string title;     // the annotations' title prefix: "bmx-api verify"
    double seconds = 0;
    std::vector<CiCase> cases;
    std::string summary;   // one line: "verify: staging passed against https://... in 9.4 s"

    int count(CaseOutcome outcome) const;
};

}  // namespace bmx::report
