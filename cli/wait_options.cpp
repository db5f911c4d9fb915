// Declares --wait-until, --fail-if, --interval and --wait-timeout next to the other request options.
#include "commands.hpp"

namespace bmx::cli {

void add_wait_options(CLI::App& app, WaitOptions& options) {
    app.add_option("--wait-until", options.until,
                   "GET: poll until the jq EXPR is true for the answer (as jq -e decides), then print that answer")
        ->type_name("EXPR");
    app.add_option("--fail-if", options.fail_if,
                   "With --wait-until: stop with exit 1 as soon as the jq EXPR is true, showing error_message or detail")
        ->type_name("EXPR");
    // verify has its own --interval; CLI11 matches a subcommand's option first, so
    // `verify --interval 1` is verify's and this one is the request's.
    app.add_option("--interval", options.interval_seconds, "With --wait-until: seconds between polls (default 5)")
        ->type_name("SECONDS")
        ->check(CLI::Range(0.05, 86400.0));
    app.add_option("--wait-timeout", options.timeout_seconds,
                   "With --wait-until: give up after SECONDS with exit 5 (default 600)")
        ->type_name("SECONDS")
        ->check(CLI::Range(0.0, 604800.0));
}

}  // namespace bmx::cli
