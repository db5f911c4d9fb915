// bmx-api: parses the command line with CLI11 and runs the chosen command.
#include <cstdio>

#include <CLI/CLI.hpp>

#include "bmx_version.hpp"
#include "commands.hpp"
#include "completion_script.hpp"
#include "exit_codes.hpp"
#include "global_options.hpp"

namespace {

// Before or after any command: every command falls through to these.
void add_global_options(CLI::App& app, bmx::cli::GlobalOptions& global) {
    const std::string group = bmx::cli::global_options_group;
    app.add_flag("--prod", global.prod, "Use the production environment (default: staging)")->group(group);
    app.add_option("--env", global.env_name, "Use the named environment (its key file is <config dir>/ENV.key)")
        ->type_name("ENV")
        ->group(group);
    app.add_option("--base-url", global.base_url, "Override the selected environment's base URL (the key choice stays)")
        ->type_name("URL")
        ->group(group);
    app.add_option("-H,--header", global.headers, "Extra request header 'Name: value' (repeatable)")
        ->allow_extra_args(false)
        ->group(group);
    app.add_option("--timeout", global.timeout_seconds, "Whole-request timeout in seconds (default 30)")
        ->type_name("SECONDS")
        ->group(group);
    app.add_flag("-i,--include", global.include, "Print the response status line and headers to stderr")->group(group);
    app.add_flag("-v,--verbose", global.verbose, "Also print the request line and headers (the key redacted)")->group(group);
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"bmx-api: command-line client for the BlueMoxon API.\n"
                 "  bmx-api [options] METHOD PATH [BODY]\n"
                 "  bmx-api [options] upload BOOK_ID PATH...\n"
                 "  bmx-api [options] thumbnail FILE...\n"
                 "  bmx-api [options] verify\n"
                 "  bmx-api [options] config\n"
                 "  bmx-api completion bash|zsh|fish",
                 "bmx-api"};
    app.set_version_flag("--version", std::string("bmx-api ") + bmx::version);
    bmx::cli::GlobalOptions global;
    add_global_options(app, global);
    bmx::cli::add_scripting_options(app, global.scripting, bmx::cli::Pagination::offered);

    bmx::cli::CommandRun run;
    bmx::cli::add_request_command(app, global, run);
    bmx::cli::add_config_command(app, global, run);
    bmx::cli::add_thumbnail_command(app, global, run);
    bmx::cli::add_upload_command(app, global, run);
    bmx::cli::add_verify_command(app, global, run);
    bmx::cli::add_completion_command(app, global, run);
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
