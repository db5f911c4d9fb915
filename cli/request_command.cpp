// The request command: `bmx-api [options] METHOD PATH [BODY]`, with --jq, --paginate, --retry and --timing.
#include <cstdio>

#include <fmt/format.h>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "output.hpp"
#include "api/http_error.hpp"
#include "api/paginate.hpp"
#include "env/api_context.hpp"
#include "http/perform.hpp"
#include "jq/jq_filter.hpp"
#include "request/build_request.hpp"

namespace bmx::cli {
namespace {

struct RequestCommandOptions {
    std::string method;
    std::string path;
    std::optional<std::string> body;
    std::optional<std::string> text_file;
    ImageRequestOptions image;
};

int fail(const Error& error) {
    print_error(error);
    return exit_code_for(error);
}

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

// --jq's results, one per line.
void print_lines(const std::vector<std::string>& lines) {
    for (const std::string& line : lines) {
        std::fwrite(line.data(), 1, line.size(), stdout);
        std::fputc('\n', stdout);
    }
    std::fflush(stdout);
}

// The filtered body, or the body as received. A jq error here is a local usage problem: exit 2.
int print_success_body(const std::string& body, std::optional<jq::JqFilter>& filter) {
    if (!filter) {
        print_body(body);
        return exit_ok;
    }
    auto lines = filter->apply(body);
    if (!lines) return fail(lines.error());
    print_lines(*lines);
    return exit_ok;
}

// An answer >= 400: the body unfiltered (like `gh api --jq`, an error body is not the shape the
// filter expects), status and detail on stderr, exit 1.
int report_http_error(const http::HttpResponse& response, const env::ApiContext& context) {
    print_body(response.body);
    print_error(api::http_error(response));
    if (response.status == 401) print_note(env::describe_key_for_401(context));
    return exit_http;
}

int run_single(const http::HttpRequest& request, const http::RetryPolicy& retry, std::optional<jq::JqFilter>& filter,
               const env::ApiContext& context, const GlobalOptions& global) {
    const ScriptingOptions& scripting = global.scripting;
    http::PerformOptions perform_options;
    perform_options.retry = retry;
    perform_options.on_retry = [&](int attempt, const std::string& reason, std::chrono::milliseconds delay) {
        print_note(retry_note(attempt, scripting, reason, delay));
    };
    auto result = http::perform(request, perform_options);
    if (!result) return fail(result.error());
    const http::HttpResponse& response = result->response;
    print_exchange_heads(response, global);
    if (scripting.timing) print_note(timing_text(response.timing));
    for (const std::string& warning : api::server_warnings(response)) print_warning(warning);
    if (response.status >= 400) {
        if (scripting.retry > 0 && !scripting.retry_all && http::is_retryable_status(response.status) &&
            !http::is_idempotent(request.method))
            print_note(fmt::format("{} was not retried: it may not be safe to repeat; --retry-all retries it too",
                                   http::method_name(request.method)));
        return report_http_error(response, context);
    }
    return print_success_body(response.body, filter);
}

int run_paginated(const http::HttpRequest& request, const http::RetryPolicy& retry, std::optional<jq::JqFilter>& filter,
                  const env::ApiContext& context, const GlobalOptions& global) {
    const ScriptingOptions& scripting = global.scripting;
    api::PaginateOptions paginate_options;
    paginate_options.retry = retry;
    paginate_options.on_retry = [&](long page, int attempt, const std::string& reason, std::chrono::milliseconds delay) {
        print_note(fmt::format("page {}: {}", page, retry_note(attempt, scripting, reason, delay)));
    };
    auto result = api::paginate(request, paginate_options);
    if (!result && result.error().stage == "usage") return fail(with_option("--paginate", result.take_error()));
    if (!result) return fail(result.error());
    for (std::size_t index = 0; index < result->responses.size(); ++index) {
        const http::HttpResponse& response = result->responses[index];
        print_exchange_heads(response, global);
        if (scripting.timing) print_note(fmt::format("page {}: {}", index + 1, timing_text(response.timing)));
        for (const std::string& warning : api::server_warnings(response)) print_warning(warning);
    }
    if (!result->complete()) return report_http_error(result->responses.back(), context);
    if (!filter) {
        print_json(result->merged);
        return exit_ok;
    }
    return print_success_body(result->merged.dump(), filter);
}

int run_request(const RequestCommandOptions& options, const GlobalOptions& global) {
    const ScriptingOptions& scripting = global.scripting;
    if (!options.image.files.empty()) {
        if (auto misplaced = misplaced_request_options(global, "--image uploads"); !misplaced.empty())
            return usage_error(misplaced + " (--image retries transient failures 3 times by itself)");
        return run_image_request(options.method, options.path, options.image, global);
    }
    if (options.image.any_set())
        return usage_error("--type, --primary and --caption go with --image");
    // Compiled first: a bad expression is a usage error before anything is sent.
    std::optional<jq::JqFilter> filter;
    if (scripting.jq) {
        auto compiled = jq::JqFilter::compile(*scripting.jq);
        if (!compiled) return fail(compiled.error());
        filter.emplace(std::move(*compiled));
    }
    auto context = env::resolve_api_context(environment_choice(global), env::ProcessEnv::system());
    if (!context) return fail(context.error());
    for (const std::string& warning : context->key.warnings) print_warning(warning);

    auto transport = transport_options(global, retry_policy_for(scripting));
    if (!transport) return fail(transport.error());
    request::RequestOptions request_options;
    request_options.method = options.method;
    request_options.path = options.path;
    request_options.body = options.body;
    request_options.text_file = options.text_file;
    request_options.transport = std::move(*transport);
    request_options.capture_request_head = global.verbose;
    auto request = request::build_request(request_options, context->environment, context->key);
    if (!request) return fail(request.error());

    const http::RetryPolicy& retry = request_options.transport.retry;
    if (!scripting.paginate) return run_single(*request, retry, filter, *context, global);
    if (request->method != http::Method::get) return usage_error("--paginate works with GET only");
    return run_paginated(*request, retry, filter, *context, global);
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
