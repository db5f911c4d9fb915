// bmx-api: parses the command line with CLI11 and runs the chosen command.
#include <csignal>
#include <cstdio>
#include <exception>

#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "bmx_version.hpp"
#include "command_words.hpp"
#include "commands.hpp"
#include "completion_script.hpp"
#include "env/process_env.hpp"
#include "exit_codes.hpp"
#include "global_options.hpp"
#include "help_command.hpp"
#include "option_placement.hpp"
#include "output.hpp"

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
    app.add_option("--cacert", global.ca_bundle,
                   "Trust the CAs in this PEM file instead of the system's store, as curl's --cacert "
                   "(also BMX_CA_BUNDLE)")
        ->type_name("FILE")
        ->group(group);
    app.add_option("-H,--header", global.headers, "Extra request header 'Name: value' (repeatable)")
        ->allow_extra_args(false)
        ->group(group);
    app.add_option("--timeout", global.timeout_seconds, "Whole-request timeout in seconds (default 30)")
        ->type_name("SECONDS")
        ->group(group);
    app.add_option("--max-response-mib", global.max_response_mib,
                   "Largest answer body taken in, in MiB once decoded (default 64)")
        ->type_name("N")
        ->check(CLI::Range(1, 4096))
        ->group(group);
    app.add_flag("-i,--include", global.include, "Print the response status line and headers to stderr")->group(group);
    app.add_flag("-v,--verbose", global.verbose, "Also print the request line and headers (the key redacted)")->group(group);
    app.add_option("--color", global.colour, "Colour on a terminal: auto (default; not with NO_COLOR or TERM=dumb), always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->group(group);
}

bmx::cli::ColourChoice colour_choice(const std::string& name) {
    if (name == "always") return bmx::cli::ColourChoice::always;
    if (name == "never") return bmx::cli::ColourChoice::never;
    return bmx::cli::ColourChoice::auto_detect;
}

// Runs the chosen command; an exception that escapes it is a bug, reported as stage internal
// (exit 70) rather than an abort. The upload command has its own guard that still prints statuses.
int run_guarded(const bmx::cli::CommandRun& run) {
    try {
        return run();
    } catch (const std::exception& error) {
        bmx::cli::print_error(bmx::Error{bmx::Stage::internal, fmt::format("unexpected error (a bug): {}", error.what())});
    } catch (...) {
        bmx::cli::print_error(bmx::Error{bmx::Stage::internal, "unexpected error (a bug)"});
    }
    return bmx::cli::exit_internal;
}

}  // namespace

int main(int argc, char** argv) {
    // A closed pipe is an error from write(), reported at the end, not a silent death: libcurl
    // leaves SIGPIPE to the application (CURLOPT_NOSIGNAL), and curl's own tool ignores it too.
    std::signal(SIGPIPE, SIG_IGN);
    bmx::cli::guard_standard_streams();
    // Before any thread starts: the key stays readable by the key lookup alone, never by jq.
    bmx::env::ProcessEnv::hide_api_key_variable();
    CLI::App app{"bmx-api: command-line client for the BlueMoxon API.\n"
                 "  bmx-api [options] METHOD PATH [BODY]\n"
                 "  bmx-api [options] upload BOOK_ID PATH... [--primary=FILE] [upload options]\n"
                 "  bmx-api [options] download BOOK [DIR] [download options]\n"
                 "  bmx-api [options] thumbnail PATH...\n"
                 "  bmx-api [options] verify\n"
                 "  bmx-api [options] config\n"
                 "  bmx-api completion bash|zsh|fish\n"
                 "  bmx-api help [COMMAND]",
                 "bmx-api"};
    app.set_version_flag("--version", std::string("bmx-api ") + bmx::version);
    app.footer("The key: BMX_API_KEY, else the key file ~/.bmx/staging.key, ~/.bmx/prod.key (--prod) or ~/.bmx/ENV.key\n"
               "(--env ENV); BMX_CONFIG_DIR replaces ~/.bmx. The server: BMX_BASE_URL or --base-url replaces the\n"
               "environment's base URL. https trusts the system's CAs, or only those in --cacert FILE or BMX_CA_BUNDLE.\n"
               "`bmx-api config` shows what is in use; `man bmx-api` has the rest.");
    bmx::cli::GlobalOptions global;
    add_global_options(app, global);
    bmx::cli::add_scripting_options(app, global.scripting, bmx::cli::Pagination::offered);
    bmx::cli::add_wait_options(app, global.scripting.wait);
    bmx::cli::add_ci_report_options(app, global.ci);

    bmx::cli::CommandRun run;
    bmx::cli::add_request_command(app, global, run);
    bmx::cli::add_config_command(app, global, run);
    bmx::cli::add_thumbnail_command(app, global, run);
    bmx::cli::add_upload_command(app, global, run);
    bmx::cli::add_download_command(app, global, run);
    bmx::cli::add_verify_command(app, global, run);
    bmx::cli::add_completion_command(app, global, run);
    std::string help_topic;
    const CLI::App* help = bmx::cli::add_help_command(app, help_topic);
    for (CLI::App* subcommand : app.get_subcommands({})) subcommand->fallthrough();

    global.words = bmx::cli::command_line_words(argc, argv);
    if (auto misplaced = bmx::cli::option_before_its_command(app, global.words)) return bmx::cli::usage_error(*misplaced);
    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& done) {
        return app.exit(done);
    } catch (const CLI::ParseError& error) {
        // `help upload` leaves upload's BOOK_ID unset; a mistyped command ends up as a METHOD
        // whose PATH is missing or whose options do not fit. Both say what was meant instead.
        if (help->parsed()) return bmx::cli::run_help(app, *help, help_topic);
        if (auto unknown = bmx::cli::unknown_method_word(app, bmx::cli::MethodWord::when_a_word))
            return bmx::cli::usage_error(*unknown);
        return bmx::cli::usage_error(error.what());
    }
    if (help->parsed()) return bmx::cli::run_help(app, *help, help_topic);
    if (auto unknown = bmx::cli::unknown_method_word(app, bmx::cli::MethodWord::any)) return bmx::cli::usage_error(*unknown);
    if (!run) {
        std::fputs(app.help().c_str(), stderr);
        return bmx::cli::exit_usage;
    }
    bmx::cli::set_colour_choice(colour_choice(global.colour));
    int code = run_guarded(run);
    if (bmx::cli::output_failure()) return bmx::cli::exit_output;
    return code;
}
