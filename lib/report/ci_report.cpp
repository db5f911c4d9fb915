#include "report/ci_report.hpp"

#include <unistd.h>

#include <fmt/format.h>

#include "report/github_commands.hpp"
#include "report/junit_xml.hpp"
#include "report/report_files.hpp"
#include "report/step_summary.hpp"

namespace bmx::report {

Result<CiReportPlan> plan_ci_report(const std::optional<std::string>& junit, const std::optional<std::string>& ci_format,
                                    const env::ProcessEnv& process_env) {
    CiReportPlan plan;
    if (ci_format) {
        if (*ci_format == "github") plan.format = CiFormat::github;
        else if (*ci_format == "none") plan.format = CiFormat::none;
        else return make_error(Stage::usage, fmt::format("--ci-format must be github or none, not '{}'", *ci_format));
    } else if (process_env.get("GITHUB_ACTIONS") == std::optional<std::string>("true")) {
        plan.format = CiFormat::github;
    }
    if (plan.format == CiFormat::github)
        if (auto summary = process_env.get("GITHUB_STEP_SUMMARY")) plan.step_summary = *summary;
    if (junit) {
        if (junit->empty()) return make_error(Stage::usage, "--report-junit needs a file name");
        std::filesystem::path file(*junit);
        std::filesystem::path dir = file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
        std::error_code error;
        if (!std::filesystem::is_directory(dir, error))
            return make_error(Stage::usage, fmt::format("--report-junit {}: the directory {} does not exist", *junit, dir.string()));
        if (::access(dir.c_str(), W_OK | X_OK) != 0)
            return make_error(Stage::usage, fmt::format("--report-junit {}: the directory {} is not writable", *junit, dir.string()));
        if (std::filesystem::is_directory(file, error))
            return make_error(Stage::usage, fmt::format("--report-junit {} is a directory; give a file name", *junit));
        plan.junit = file;
    }
    return plan;
}

CiDelivery deliver(const CiSuite& suite, const CiReportPlan& plan) {
    CiDelivery delivery;
    if (plan.junit)
        if (auto written = write_file_atomically(*plan.junit, junit_xml(suite)); !written)
            delivery.errors.push_back(written.take_error());
    if (plan.format != CiFormat::github) return delivery;
    delivery.annotations = annotation_lines(suite);
    if (plan.step_summary)
        if (auto appended = append_to_file(*plan.step_summary, step_summary_markdown(suite)); !appended)
            delivery.errors.push_back(appended.take_error());
    return delivery;
}

}  // namespace bmx::report
