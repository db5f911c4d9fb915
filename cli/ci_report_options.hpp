// --report-junit FILE and --ci-format github|none: what verify, --wait-until and upload leave
// for a CI system, and how a run hands its suite over.
#pragma once

#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "report/ci_report.hpp"
#include "report/ci_suite.hpp"

namespace bmx::cli {

struct CiReportOptions {
    std::optional<std::string> junit;      // --report-junit FILE
    std::optional<std::string> ci_format;  // --ci-format github|none (default: github when GITHUB_ACTIONS=true)
    bool any_given() const { return junit.has_value() || ci_format.has_value(); }
};

// Declared with the global options: before or after the command.
void add_ci_report_options(CLI::App& app, CiReportOptions& options);

// "--report-junit and --ci-format go with verify, upload, --image and --wait-until", or empty.
std::string misplaced_ci_options(const CiReportOptions& options, const std::string& command);

// The plan from the options and the environment; an error (exit 2, before anything is sent) for
// a report file whose directory is missing or not writable.
Result<report::CiReportPlan> plan_ci_report(const CiReportOptions& options);

// Writes the JUnit file, prints the annotations on stderr and appends the job summary. Returns
// the exit code to end with: `code`, or 74 when a report could not be written and nothing else
// had failed.
int deliver_ci_report(const report::CiSuite& suite, const report::CiReportPlan& plan, int code);

}  // namespace bmx::cli
