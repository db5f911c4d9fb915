// --wait-until on the request command: the options checked before sending, then the poll and its exit code.
#pragma once

#include <optional>
#include <string>

#include "core/result.hpp"
#include "env/api_context.hpp"
#include "global_options.hpp"
#include "http/http_types.hpp"
#include "jq/jq_filter.hpp"
#include "poll/poll_engine.hpp"
#include "poll/wait_until.hpp"
#include "report/ci_report.hpp"

namespace bmx::cli {

// The compiled conditions and the schedule: everything a wait needs but the request.
struct WaitPlan {
    poll::WaitConditions conditions;
    poll::PollSchedule schedule;
    report::CiReportPlan ci;  // --report-junit, --ci-format
    std::string request;      // "GET /books/12/analysis/status", for the report
};

// Checks and compiles --wait-until, --fail-if, --interval and --wait-timeout, before anything is
// sent. A usage error for: a method other than GET, a companion without --wait-until, a bad
// expression, and --paginate or --retry options (the wait is its own retry loop).
Result<WaitPlan> plan_wait(const GlobalOptions& global, const std::string& method, const std::string& path);

// Polls until the wait ends, showing a status line on stderr; prints the last answer (filtered
// by --jq) and returns 0 (met), 1 (--fail-if, or a final HTTP error), 2, 3, 5 (deadline) or 130.
int run_wait(const http::HttpRequest& request, WaitPlan& plan, std::optional<jq::JqFilter>& filter,
             const env::ApiContext& context, const GlobalOptions& global);

}  // namespace bmx::cli
