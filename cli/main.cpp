// bmx-api: parses the command line with CLI11 and runs the chosen command.
#include <cstdio>

#include <CLI/CLI.hpp>

#include "bmx_version.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"
#include "global_options.hpp"

namespace {

void add_scripting_options(CLI::App& app, bmx::cli::ScriptingOptions& scripting) {
    app.add_option("--jq", scripting.jq,
                   "Filter the JSON answer with a jq EXPR (libjq); strings print raw, one result per line")
        ->type_name("EXPR");
    app.add_flag("--paginate", scripting.paginate,
                 "GET every page of a paginated endpoint ({items, total, page, per_page, pages}); print {items, total}");
    app.add_option("--retry", scripting.retry,
                   "Retry up to N times after transport errors, 408, 429 and 5xx gateway answers (default 0)")
        ->type_name("N")
        ->check(CLI::Range(0, 100));
    app.add_option("--retry-delay", scripting.retry_delay_seconds,
                   "First retry delay in seconds, doubled each retry, with jitter; Retry-After wins (default 1)")
        ->type_name("SECONDS")
        ->check(CLI::Range(0.0, 3600.0));
    app.add_flag("--retry-all", scripting.retry_all, "With --retry: also retry POST and PATCH (not idempotent)");
    app.add_flag("--timing", scripting.timing, "Print DNS, connect, TLS, first-byte and total times on stderr");
}


void add_global_options(CLI::App& app, bmx::cli::GlobalOptions& global) {
    app.add_flag("--prod", global.prod, "Use the production environment (default: staging)");
    app.add_option("--env", global.env_name, "Use the named environment (its key file is <config dir>/NAME.key)");
    app.add_option("--base-url", global.base_url, "Override the selected environment's base URL (the key choice stays)");
    app.add_option("-H,--header", global.headers, "Extra request header 'Name: value' (repeatable)")->allow_extra_args(false);
    app.add_option("--timeout", global.timeout_seconds, "Whole-request timeout in seconds (default 30)");
    app.add_flag("-i,--include", global.include, "Print the response status line and headers to stderr");
    app.add_flag("-v,--verbose", global.verbose, "Also print the request line and headers (the key redacted)");
    add_scripting_options(app, global.scripting);
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"bmx-api: command-line client for the BlueMoxon API.\n"
                 "  bmx-api [options] METHOD PATH [BODY]\n"
                 "  bmx-api [options] upload BOOK_ID PATH...\n"
                 "  bmx-api [options] thumbnail FILE...\n"
                 "  bmx-api [options] verify\n"
                 "  bmx-api [options] config",
                 "bmx-api"};
    app.set_version_flag("--version", std::string("bmx-api ") + bmx::version);
    bmx::cli::GlobalOptions global;
    add_global_options(app, global);

    bmx::cli::CommandRun run;
    bmx::cli::add_request_command(app, global, run);
    bmx::cli::add_config_command(app, global, run);
    bmx::cli::add_thumbnail_command(app, global, run);
    bmx::cli::add_upload_command(app, global, run);
    bmx::cli::add_verify_command(app, global, run);
    for (CLI::App* subcommand : app.get_subcommands({})) subcommand->fallthrough();

    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& done) {
        return app.exit(done);
    } catch (const CLI::ParseError& error) {
        app.exit(error);
        return bmx::cli::exit_usage;
    }
    if (!run) {
        std::fputs(app.help().c_str(), stderr);
        return bmx::cli::exit_usage;
    }
    return run();
}
