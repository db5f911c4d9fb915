// The verify report: the one place its JSON field names are written.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "verify/check_result.hpp"

namespace bmx::verify {

struct VerifyReport {
    std::string environment;  // the environment's name: "staging", "prod" or the --env name
    std::string base_url;
    std::optional<std::string> expected_version;
    double elapsed_ms = 0;
    std::vector<CheckResult> checks;

    // Nothing failed: warnings and skips pass.
    bool ok() const;
};

enum class TimingField { omitted, included };

// {ok, environment, base_url, expected_version, elapsed_ms,
//  checks: [{name, ok, status, detail, attempts, elapsed_ms, timing?}]}
// timing (with --timing) is {dns_ms, connect_ms, tls_ms, first_byte_ms, total_ms} of the
// check's last request, or null when it made none.
nlohmann::json report_json(const VerifyReport& report, TimingField timing);

nlohmann::json timing_json(const http::Timing& timing);

// "verify: staging passed against URL in 9.4 s", or "verify: FAILED against URL (deep, books) in 2 s".
std::string summary_line(const VerifyReport& report);

}  // namespace bmx::verify
