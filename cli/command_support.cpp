// Small pieces every command shares: the environment choice and usage errors.
#include <fmt/format.h>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "output.hpp"
#include "request/build_request.hpp"

namespace bmx::cli {

env::EnvironmentChoice environment_choice(const GlobalOptions& global) {
    return env::EnvironmentChoice{global.prod, global.env_name, global.base_url};
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
    return transport;
}

Error with_option(std::string_view option, Error error) {
    error.message = fmt::format("{}: {}", option, error.message);
    return error;
}

int usage_error(const std::string& message) {
    print_error(Error{"usage", message});
    return exit_usage;
}

std::string misplaced_request_options(const GlobalOptions& global, const std::string& command) {
    const ScriptingOptions& scripting = global.scripting;
    std::vector<std::string> given;
    if (scripting.jq) given.push_back("--jq");
    if (scripting.paginate) given.push_back("--paginate");
    if (scripting.retry != ScriptingOptions{}.retry) given.push_back("--retry");
    if (scripting.retry_delay_seconds != ScriptingOptions{}.retry_delay_seconds) given.push_back("--retry-delay");
    if (scripting.retry_all) given.push_back("--retry-all");
    if (scripting.timing) given.push_back("--timing");
    if (given.empty()) return "";
    std::string message = fmt::format("{} {} not apply to {}", fmt::join(given, ", "), given.size() == 1 ? "does" : "do", command);
    if (command == "upload" && (scripting.retry != 0)) message += " (upload retries with --retries N, default 3)";
    return message;
}

}  // namespace bmx::cli
