// --report-junit and --ci-format: declared once for every command, used by verify, upload and --wait-until.
#include "ci_report_options.hpp"

#include <fmt/format.h>

#include "env/process_env.hpp"
#include "completion_script.hpp"
#include "exit_codes.hpp"
#include "global_options.hpp"
#include "output.hpp"

namespace bmx::cli {

void add_ci_report_options(CLI::App& app, CiReportOptions& options) {
    const std::string group = global_options_group;
    app.add_option("--report-junit", options.junit,
                   "verify, upload and --wait-until: write a JUnit XML report to FILE (atomically, also on failure)")
        ->type_name("FILE")
        ->group(group);
    app.add_option("--ci-format", options.ci_format,
                   "GitHub Actions annotations and job summary: github, or none (default: github when GITHUB_ACTIONS=true)")
        ->type_name("FORMAT")
        ->check(CLI::IsMember({"github", "none"}))
        ->group(group);
}

std::string misplaced_ci_options(const CiReportOptions& options, const std::string& command) {
    std::vector<std::string> given;
    if (options.junit) given.push_back("--report-junit");
    if (options.ci_format) given.push_back("--ci-format");
    if (given.empty()) return "";
    return fmt::format("{} {} not apply to {}: {} with verify, upload, --image and --wait-until", fmt::join(given, ", "),
                       given.size() == 1 ? "does" : "do", command, given.size() == 1 ? "it goes" : "they go");
}

Result<report::CiReportPlan> plan_ci_report(const CiReportOptions& options) {
    auto plan = report::plan_ci_report(options.junit, options.ci_format, env::ProcessEnv::system());
    if (plan && plan->format == report::CiFormat::github) keep_messages_off_command_lines();
    return plan;
}

int deliver_ci_report(const report::CiSuite& suite, const report::CiReportPlan& plan, int code) {
    if (!plan.any()) return code;
    report::CiDelivery delivery = report::deliver(suite, plan);
    for (const std::string& line : delivery.annotations) write_stderr(line);
    for (const Error& error : delivery.errors) print_error(error);
    return delivery.errors.empty() || code != exit_ok ? code : exit_output;
}

}  // namespace bmx::cli
