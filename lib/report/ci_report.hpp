// Where a run's CI report goes: a JUnit file (--report-junit), GitHub Actions workflow commands
// and the job summary (GITHUB_ACTIONS=true, or --ci-format github), and delivering it there.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "env/process_env.hpp"
#include "report/ci_suite.hpp"

namespace bmx::report {

enum class CiFormat { github, none };

struct CiReportPlan {
    std::optional<std::filesystem::path> junit;
    CiFormat format = CiFormat::none;
    std::optional<std::filesystem::path> step_summary;  // GITHUB_STEP_SUMMARY, with the github format
    bool any() const { return junit.has_value() || format != CiFormat::none; }
};

// `ci_format` is the option's word ("github" or "none"), or nothing to detect it from
// GITHUB_ACTIONS. A --report-junit whose directory does not exist or cannot be written to is a
// usage error, found before anything is sent.
Result<CiReportPlan> plan_ci_report(const std::optional<std::string>& junit, const std::optional<std::string>& ci_format,
                                    const env::ProcessEnv& process_env);

struct CiDelivery {
    std::vector<std::string> annotations;  // workflow-command lines, for stderr
    std::vector<Error> errors;             // a report that could not be written (stage write)
};

// Writes the JUnit file (atomically) and appends the job summary; returns the annotation lines
// for the caller to print, and what could not be written.
CiDelivery deliver(const CiSuite& suite, const CiReportPlan& plan);

}  // namespace bmx::report
