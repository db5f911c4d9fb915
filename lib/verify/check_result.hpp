// CheckResult: how one deploy check ended, what it saw, and how long it took.
#pragma once

#include <optional>
#include <string>

#include "http/http_types.hpp"

namespace bmx::verify {

// "warning" passes (deep health "degraded"); "skipped" passes with a reason (no image to try).
enum class CheckStatus { passed, failed, warning, skipped };

// The word the report and scripts use: "passed", "failed", "warning", "skipped".
const char* status_name(CheckStatus status);

// A check's judgement of what came back, before the runner adds attempts and time.
struct Verdict {
    CheckStatus status = CheckStatus::passed;
    std::string detail;  // what was expected and what came back
};

struct CheckResult {
    std::string name;  // "version", "environment", "deep", "books", "image"
    CheckStatus status = CheckStatus::passed;
    std::string detail;
    int attempts = 0;  // requests this check made itself (0 when it reused another check's answer)
    double elapsed_ms = 0;
    std::optional<http::Timing> timing;  // of the check's last request

    bool ok() const { return status != CheckStatus::failed; }
};

}  // namespace bmx::verify
