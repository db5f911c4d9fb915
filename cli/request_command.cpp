// The request command: `bmx-api [options] METHOD PATH [BODY]`.
#include <fmt/format.h>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "output.hpp"
#include "env/api_context.hpp"
#include "http/perform.hpp"
#include "request/build_request.hpp"
#include "status/http_error.hpp"

namespace bmx::cli {
namespace {

struct RequestCommandOptions {
    std::string method;
    std::string path;
    std::optional<std::string> body;
    std::optional<std::string> text_file;
    ImageRequestOptions image;
};

void print_exchange_heads(const http::HttpResponse& response, const GlobalOptions& global) {
    if (global.verbose) {
        for (std::string_view head = response.request_head; !head.empty();) {
            auto end = head.find('\n');
            auto line = head.substr(0, end);
            if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
            if (!line.empty()) fmt::print(stderr, "> {}\n", line);
            head.remove_prefix(end == std::string_view::npos ? head.size() : end + 1);
        }
    }
    if (global.include || global.verbose) {
        fmt::print(stderr, "< {}\n", response.status_line);
        for (const auto& [name, value] : response.headers) fmt::print(stderr, "< {}: {}\n", name, value);
    }
}

int run_request(const RequestCommandOptions& options, const GlobalOptions& global) {
    if (!options.image.files.empty()) return run_image_request(options.method, options.path, options.image, global);
    if (options.image.any_set())
        return usage_error("--type, --primary and --caption go with --image");
    auto context = env::resolve_api_context(environment_choice(global), env::ProcessEnv::system());
    if (!context) {
        print_error(context.error());
        return exit_code_for(context.error());
    }
    for (const std::string& warning : context->key.warnings) print_warning(warning);

    request::RequestOptions request_options;
    request_options.method = options.method;
    request_options.path = options.path;
    request_options.body = options.body;
    request_options.text_file = options.text_file;
    request_options.headers = global.headers;
    request_options.timeout_seconds = global.timeout_seconds;
    request_options.capture_request_head = global.verbose;
    auto request = request::build_request(request_options, context->environment, context->key);
    if (!request) {
        print_error(request.error());
        return exit_code_for(request.error());
    }

    auto result = http::perform(*request, http::PerformOptions{});
    if (!result) {
        print_error(result.error());
        return exit_code_for(result.error());
    }
    const http::HttpResponse& response = result->response;
    print_exchange_heads(response, global);
    for (const std::string& warning : status::server_warnings(response)) print_warning(warning);
    print_body(response.body);
    if (response.status < 400) return exit_ok;

    Error error = status::http_error(response);
    print_error(error);
    if (response.status == 401) print_note(env::describe_key_for_401(*context));
    return exit_http;
}

}  // namespace

void add_request_command(CLI::App& app, const GlobalOptions& global, CommandRun& run) {
    auto options = std::make_shared<RequestCommandOptions>();
    app.add_option("METHOD", options->method, "GET, POST, PUT, PATCH, DELETE or HEAD (any case)");
    app.add_option("PATH", options->path, "Path relative to the environment's base URL, query string kept as given");
    app.add_option("BODY", options->body, "JSON body, validated before sending; @FILE or @- reads it from a file or stdin");
    app.add_option("--text-file", options->text_file, "Send FILE's bytes (or stdin with -) as text/plain");
    add_image_request_options(app, options->image);
    app.final_callback([options, &global, &run] {
        if (run || options->method.empty()) return;
        if (options->path.empty()) throw CLI::ValidationError("PATH", "a request needs METHOD and PATH, e.g. GET /books");
        run = [options, &global] { return run_request(*options, global); };
    });
}

}  // namespace bmx::cli
