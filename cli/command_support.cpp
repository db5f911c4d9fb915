// Small pieces every command shares: the scripting options, the environment choice and usage errors.
#include <fmt/format.h>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "output.hpp"
#include "request/build_request.hpp"

namespace bmx::cli {

void add_scripting_options(CLI::App& app, ScriptingOptions& scripting, Pagination pagination, const std::string& group) {
    app.add_option("--jq", scripting.jq,
                   "Filter the JSON answer with a jq EXPR (libjq); strings print raw, one result per line")
        ->type_name("EXPR")
        ->group(group);
    if (pagination == Pagination::offered) {
        app.add_flag("--paginate", scripting.paginate,
                     "GET every page of a paginated endpoint ({items, total, page, per_page, pages}); print {items, total}")
            ->group(group);
        app.add_option("--max-pages-mib", scripting.max_pages_mib,
                       "With --paginate: the most MiB all pages' bodies may hold together (default 256)")
            ->type_name("N")
            ->check(CLI::Range(1, 65536))
            ->group(group);
    }
    app.add_option("--retry", scripting.retry,
                   "Retry up to N times after transport errors, 408, 429 and 5xx gateway answers (default 0)")
        ->type_name("N")
        ->check(CLI::Range(0, 100))
        ->group(group);
    app.add_option("--retry-delay", scripting.retry_delay_seconds,
                   "First retry delay in seconds, doubled each retry, with jitter; Retry-After wins (default 1)")
        ->type_name("SECONDS")
        ->check(CLI::Range(0.0, 3600.0))
        ->group(group);
    app.add_flag("--retry-all", scripting.retry_all, "With --retry: also retry POST and PATCH (not idempotent)")->group(group);
    app.add_flag("--timing", scripting.timing, "Print DNS, connect, TLS, first-byte and total times on stderr")->group(group);
}

env::EnvironmentChoice environment_choice(const GlobalOptions& global) {
    return env::EnvironmentChoice{global.prod, global.env_name, global.base_url, global.ca_bundle};
}

Result<http::TransportOptions> transport_options(const GlobalOptions& global, const http::RetryPolicy& retry) {
    http::TransportOptions transport;
    for (const std::string& header : global.headers)
        if (auto valid = request::check_header(header); !valid) return valid.take_error();
    transport.headers = global.headers;
    auto timeout = request::timeout_ms(global.timeout_seconds);
    if (!timeout) return with_option(fmt::format("--timeout {:g}", global.timeout_seconds), timeout.take_error());
    transport.timeout = std::chrono::milliseconds(*timeout);
    transport.retry = retry;
    transport.max_response_bytes = static_cast<std::size_t>(global.max_response_mib) * 1024 * 1024;
    return transport;
}

Error with_option(std::string_view option, Error error) {
    error.message = fmt::format("{}: {}", option, error.message);
    return error;
}

int usage_error(const std::string& message) {
    print_error(Error{Stage::usage, message});
    return exit_usage;
}

std::string misplaced_request_options(const GlobalOptions& global, const std::string& command) {
    const ScriptingOptions& scripting = global.scripting;
    std::vector<std::string> given;
    if (scripting.jq) given.push_back("--jq");
    if (scripting.paginate) given.push_back("--paginate");
    if (scripting.max_pages_mib) given.push_back("--max-pages-mib");
    if (scripting.retry) given.push_back("--retry");
    if (scripting.retry_delay_seconds) given.push_back("--retry-delay");
    if (scripting.retry_all) given.push_back("--retry-all");
    if (scripting.timing) given.push_back("--timing");
    for (std::string& name : scripting.wait.given()) given.push_back(std::move(name));
    if (given.empty()) return "";
    std::string message = fmt::format("{} {} not apply to {}", fmt::join(given, ", "), given.size() == 1 ? "does" : "do", command);
    return message;
}

}  // namespace bmx::cli
