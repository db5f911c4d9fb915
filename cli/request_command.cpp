// The request command: `bmx-api [options] METHOD PATH [BODY]`, with --jq, --paginate, --retry, --timing and --wait-until.
#include <cstdio>

#include <fmt/format.h>

#include "answer_output.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"
#include "output.hpp"
#include "wait_request.hpp"
#include "api/http_error.hpp"
#include "api/paginate.hpp"
#include "env/api_context.hpp"
#include "http/request_driver.hpp"
#include "jq/jq_filter.hpp"
#include "report/suites.hpp"
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

int run_single(const http::HttpRequest& request, const http::RetryPolicy& retry, std::optional<jq::JqFilter>& filter,
               const env::ApiContext& context, const GlobalOptions& global) {
    const ScriptingOptions& scripting = global.scripting;
    http::PerformOptions perform_options;
    perform_options.retry = retry;
    perform_options.on_retry = [&](int attempt, const std::string& reason, std::chrono::milliseconds delay) {
        print_note(retry_note(attempt, scripting, reason, delay));
    };
    auto result = http::perform(request, perform_options);
    if (!result) return report_error(result.error());
    const http::HttpResponse& response = result->response;
    print_exchange_heads(response, global);
    if (scripting.timing) print_note(timing_text(response.timing));
    for (const std::string& warning : api::server_warnings(response)) print_warning(warning);
    if (response.status >= 400) {
        if (scripting.retry.value_or(0) > 0 && !scripting.retry_all && http::is_retryable_status(response.status) &&
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
    if (scripting.max_pages_mib) paginate_options.max_total_bytes = static_cast<std::size_t>(*scripting.max_pages_mib) * 1024 * 1024;
    paginate_options.on_retry = [&](long page, int attempt, const std::string& reason, std::chrono::milliseconds delay) {
        print_note(fmt::format("page {}: {}", page, retry_note(attempt, scripting, reason, delay)));
    };
    auto result = api::paginate(request, paginate_options);
    if (!result && (result.error().stage == bmx::Stage::usage || result.error().stage == bmx::Stage::answer))
        return report_error(with_option("--paginate", result.take_error()));
    if (!result) return report_error(result.error());
    if (result->not_a_page) {
        // As for any answer that cannot be used: its body as received on stdout, exit 6.
        print_exchange_heads(result->responses.front(), global);
        return report_unusable_answer(result->responses.front().body, with_option("--paginate", *result->not_a_page));
    }
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
        // Never silently dropped: the upload's body is the multipart form with the file.
        if (options.body || options.text_file)
            return usage_error(fmt::format("{} cannot go with --image: the upload's body is the file, sent as multipart",
                                           options.body ? "a BODY argument" : "--text-file"));
        if (auto misplaced = misplaced_request_options(global, "--image uploads"); !misplaced.empty())
            return usage_error(misplaced + " (--image retries transient failures 3 times by itself)");
        return run_image_request(options.method, options.path, options.image, global);
    }
    if (options.image.any_set())
        return usage_error("--type, --primary, --caption, --json, --max-upload-bytes, --fit and --resend go with --image");
    // Compiled first: a bad expression is a usage error before anything is sent.
    std::optional<jq::JqFilter> filter;
    if (scripting.jq) {
        auto compiled = jq::JqFilter::compile(*scripting.jq);
        if (!compiled) return report_error(compiled.error());
        filter.emplace(std::move(*compiled));
    }
    if (scripting.wait.given().empty())
        if (auto misplaced = misplaced_ci_options(global.ci, "a request without --wait-until"); !misplaced.empty())
            return usage_error(misplaced);
    std::optional<WaitPlan> wait;
    if (!scripting.wait.given().empty()) {
        auto planned = plan_wait(global, options.method, options.path);
        if (!planned) return report_error(planned.error());
        wait.emplace(std::move(*planned));
    }
    // Once a wait is planned, a failure before its first poll still leaves the report it asked for.
    auto stopped = [&](const Error& error) {
        int code = report_error(error);
        if (!wait || !wait->ci.any()) return code;
        return deliver_ci_report(report::setup_failure_suite("wait-until " + wait->request, "bmx-api --wait-until", error),
                                 wait->ci, code);
    };
    auto context = env::resolve_api_context(environment_choice(global), env::ProcessEnv::system());
    if (!context) return stopped(context.error());
    for (const std::string& warning : context->key.warnings) print_warning(warning);
    for (const std::string& note : context->route_notes) print_note(note);

    auto transport = transport_options(global, retry_policy_for(scripting));
    if (!transport) return stopped(transport.error());
    request::RequestOptions request_options;
    request_options.method = options.method;
    request_options.path = options.path;
    request_options.body = options.body;
    request_options.text_file = options.text_file;
    request_options.transport = std::move(*transport);
    request_options.capture_request_head = global.verbose;
    auto request = request::build_request(request_options, context->environment, context->key);
    if (!request) return stopped(request.error());

    if (wait) return run_wait(*request, *wait, filter, *context, global);
    const http::RetryPolicy& retry = request_options.transport.retry;
    if (!scripting.paginate) {
        if (scripting.max_pages_mib) return usage_error("--max-pages-mib goes with --paginate");
        return run_single(*request, retry, filter, *context, global);
    }
    if (request->method != http::Method::get) return usage_error("--paginate works with GET only");
    return run_paginated(*request, retry, filter, *context, global);
}

}  // namespace

void add_request_command(CLI::App& app, const GlobalOptions& global, CommandRun& run) {
    auto options = std::make_shared<RequestCommandOptions>();
    app.add_option("METHOD", options->method, "GET, POST, PUT, PATCH, DELETE or HEAD (any case)");
    app.add_option("PATH", options->path, "Path relative to the environment's base URL, query string kept as given");
    app.add_option("BODY", options->body, "JSON body, validated before sending; @FILE or @- reads it from a file or stdin");
    app.add_option("--text-file", options->text_file, "Send FILE's bytes (or stdin with -) as text/plain")->type_name("FILE");
    add_image_request_options(app, options->image);
    app.final_callback([options, &global, &run] {
        // A subcommand ran: --image's companions given before it (or falling through to here
        // from after it) belong to no one, and are never silently ignored.
        if (run && options->image.any_set())
            throw CLI::ValidationError("--type, --primary, --caption, --json, --max-upload-bytes, --fit and --resend",
                                       "these go after `upload` (e.g. bmx-api upload --fit 12 photos/) or with --image; "
                                       "this command does not take them here");
        if (run || options->method.empty()) return;
        if (options->path.empty()) throw CLI::ValidationError("PATH", "a request needs METHOD and PATH, e.g. GET /books");
        run = [options, &global] { return run_request(*options, global); };
    });
}

}  // namespace bmx::cli
