// The verify command: `bmx-api verify`, the post-deploy checks as one command with one report.
#include <cstdio>

#include <fmt/format.h>

#include "answer_output.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"
#include "output.hpp"
#include "env/api_context.hpp"
#include "jq/jq_filter.hpp"
#include "report/suites.hpp"
#include "verify/verify_runner.hpp"
#include "verify/version_check.hpp"

namespace bmx::cli {
namespace {

struct VerifyCommandOptions {
    std::optional<std::string> expect_version;
    std::optional<std::string> expect_env;
    double wait_timeout_seconds = 60;
    std::optional<std::string> old_timeout;  // `verify --timeout`, the old name of --wait-timeout: refused
    double interval_seconds = 3;
    std::string checks = "version,environment,deep,books,image";
};

// ✓/✗ for a person at a terminal; words a log or a grep can use otherwise.
std::string status_mark(verify::CheckStatus status, bool terminal) {
    using verify::CheckStatus;
    switch (status) {
        case CheckStatus::passed: return terminal ? "✓" : "ok";
        case CheckStatus::failed: return terminal ? "✗" : "FAILED";
        case CheckStatus::warning: return terminal ? "!" : "warning";
        case CheckStatus::skipped: return terminal ? "-" : "skipped";
    }
    return "?";
}

void print_check_line(const verify::CheckResult& check, bool timing) {
    bool terminal = stderr_is_terminal();
    write_stderr(fmt::format("{} {}: {}\n", status_mark(check.status, terminal), check.name, stderr_text(check.detail)));
    if (timing && check.timing) write_stderr(fmt::format("  {}\n", timing_text(*check.timing)));
}

void print_summary(const verify::VerifyReport& report) {
    write_stderr(fmt::format("{}\n", stderr_text(verify::summary_line(report))));
}

Result<verify::VerifyOptions> verify_options(const VerifyCommandOptions& command, const GlobalOptions& global,
                                             const env::Environment& environment) {
    verify::VerifyOptions options;
    auto checks = verify::parse_check_list(command.checks);
    if (!checks) return with_option("--checks", checks.take_error());
    options.checks = std::move(*checks);
    auto timeout = verify::seconds_to_duration(command.wait_timeout_seconds, "verify --wait-timeout", 0);
    if (!timeout) return timeout.take_error();
    auto interval = verify::seconds_to_duration(command.interval_seconds, "--interval", 0.05);
    if (!interval) return interval.take_error();
    options.timeout = *timeout;
    options.interval = *interval;
    if (command.expect_version && !command.expect_version->empty()) options.expected_version = command.expect_version;
    options.expected_environment = command.expect_env ? *command.expect_env : env::expected_server_environment(environment);
    auto transport = transport_options(global, retry_policy_for(global.scripting));
    if (!transport) return transport.take_error();
    options.transport = std::move(*transport);
    return options;
}

// The JSON report on stdout (or what --jq makes of it); the exit code it calls for.
int print_verify_report(const verify::VerifyReport& report, const ScriptingOptions& scripting,
                        std::optional<jq::JqFilter>& filter) {
    auto timing_field = scripting.timing ? verify::TimingField::included : verify::TimingField::omitted;
    auto document = verify::report_json(report, timing_field);
    if (!filter) {
        print_json(document);
    } else {
        // A check's detail may quote a server's bytes that are not UTF-8: replaced, never thrown over.
        const std::string text = document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        auto lines = filter->apply(text);
        if (!lines) return report_unusable_answer(text + "\n", lines.take_error());
        print_lines(*lines);
    }
    return report.ok() ? exit_ok : exit_http;
}

int run_verify(const VerifyCommandOptions& command, const GlobalOptions& global) {
    const ScriptingOptions& scripting = global.scripting;
    if (scripting.paginate) return usage_error("--paginate is for requests; verify fetches what it needs");
    if (command.old_timeout)
        return usage_error("verify --timeout is now --wait-timeout S (how long to poll for the version); --timeout before "
                           "'verify' is the limit on each request, as everywhere");
    if (auto given = scripting.wait.given(); !given.empty())
        return usage_error(fmt::format("{} before 'verify' {} for requests; verify polls with --expect-version, and its "
                                       "own --wait-timeout and --interval go after 'verify'",
                                       fmt::join(given, ", "), given.size() == 1 ? "is" : "are"));
    // Compiled first, like for requests: a bad expression is a usage error before anything is sent.
    std::optional<jq::JqFilter> filter;
    if (scripting.jq) {
        auto compiled = jq::JqFilter::compile(*scripting.jq);
        if (!compiled) return usage_error(compiled.error().message);
        filter.emplace(std::move(*compiled));
    }
    auto ci = plan_ci_report(global.ci);
    if (!ci) return usage_error(ci.error().message);
    auto context = env::resolve_api_context(environment_choice(global), env::ProcessEnv::system());
    if (!context) {
        print_error(context.error());
        return deliver_ci_report(report::setup_failure_suite("verify", "bmx-api verify", context.error()), *ci,
                                 exit_code_for(context.error()));
    }
    for (const std::string& warning : context->key.warnings) print_warning(warning);
    for (const std::string& note : context->route_notes) print_note(note);
    auto options = verify_options(command, global, context->environment);
    if (!options) return usage_error(options.error().message);

    verify::VerifyHooks hooks;
    hooks.on_check_done = [&](const verify::CheckResult& check) { print_check_line(check, scripting.timing); };
    hooks.on_retry = [&](int attempt, const std::string& reason, std::chrono::milliseconds delay) {
        print_note(retry_note(attempt, scripting, reason, delay));
    };
    verify::VerifyReport report = verify::run_verify(*options, *context, hooks);
    print_summary(report);

    const int code = print_verify_report(report, scripting, filter);
    return deliver_ci_report(report::verify_suite(report), *ci, code);
}

}  // namespace

void add_verify_command(CLI::App& app, GlobalOptions& global, CommandRun& run) {
    auto options = std::make_shared<VerifyCommandOptions>();
    CLI::App* verify = app.add_subcommand(
        "verify", "Check a deploy: version, environment, deep health, keyed /books and a primary image; JSON report");
    verify->add_option("--expect-version", options->expect_version,
                       "Poll /health/version until it answers version V (default: answering is enough)")
        ->type_name("V");
    verify->add_option("--expect-env", options->expect_env,
                       "The environment /health/version must name (default: production with --prod, else the environment's name)")
        ->type_name("E");
    verify->add_option("--wait-timeout", options->wait_timeout_seconds,
                       "Give up polling for the version after S seconds (default 60), as --wait-until's --wait-timeout")
        ->type_name("S");
    // The old name, refused with the new one: after 'verify' it would otherwise fall through to
    // the per-request --timeout and quietly change meaning in a deploy script.
    verify->add_option("--timeout", options->old_timeout, "The old name of --wait-timeout")->group("");
    verify->add_option("--interval", options->interval_seconds, "Seconds between version polls (default 3)")->type_name("S");
    verify->add_option("--checks", options->checks,
                       "Comma-separated checks to run: version,environment,deep,books,image (default: all)")
        ->type_name("CHECKS");
    // The same storage as before 'verify': declared here too so that `verify --help` and the
    // completions show them. --paginate is not: verify fetches what it needs.
    add_scripting_options(*verify, global.scripting, Pagination::not_offered, shared_scripting_group);
    verify->callback([options, &global, &run] {
        run = [options, &global] { return run_verify(*options, global); };
    });
}

}  // namespace bmx::cli
