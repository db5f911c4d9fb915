// Prints a request's answer the same way for a single request, --paginate and --wait-until.
#include "answer_output.hpp"

#include <cstdio>

#include <fmt/format.h>

#include "exit_codes.hpp"
#include "output.hpp"
#include "api/http_error.hpp"
#include "core/message_safety.hpp"
#include "http/url.hpp"

namespace bmx::cli {

int report_error(const Error& error) {
    print_error(error);
    return exit_code_for(error);
}

void print_exchange_heads(const http::HttpResponse& response, const GlobalOptions& global) {
    if (global.verbose) {
        for (std::string_view head = response.request_head; !head.empty();) {
            auto end = head.find('\n');
            auto line = head.substr(0, end);
            if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
            if (!line.empty()) write_stderr(fmt::format("> {}\n", stderr_text(line)));
            head.remove_prefix(end == std::string_view::npos ? head.size() : end + 1);
        }
    }
    if (global.include || global.verbose) {
        write_stderr(fmt::format("< {}\n", stderr_text(response.status_line)));
        for (const auto& [name, value] : response.headers) write_stderr(fmt::format("< {}: {}\n", stderr_text(name), stderr_text(value)));
    }
}

void print_lines(const std::vector<std::string>& lines) {
    const bool terminal = stdout_is_terminal();
    for (const std::string& raw : lines) {
        // A raw string result may hold control characters from the server: shown, not obeyed, on a terminal.
        const std::string line = terminal ? escape_control_characters(raw) : raw;
        std::fwrite(line.data(), 1, line.size(), stdout);
        std::fputc('\n', stdout);
    }
    std::fflush(stdout);
}

int print_success_body(const std::string& body, std::optional<jq::JqFilter>& filter) {
    if (!filter) {
        if (auto unshown = print_body(body)) return report_error(*unshown);
        return exit_ok;
    }
    auto lines = filter->apply(body);
    if (!lines) return report_unusable_answer(body, lines.take_error());
    print_lines(*lines);
    return exit_ok;
}

int report_unusable_answer(std::string_view body, Error error) {
    // A request was sent (a POST may have created something): the answer is never lost, and the
    // exit code is never 2, which promises that nothing was sent. On a terminal, a body past the
    // document budget stays unshown; the error says why it could not be used.
    (void)print_body(body);
    error.stage = Stage::answer;
    return report_error(error);
}

int report_http_error(const http::HttpResponse& response, const env::ApiContext& context) {
    if (auto unshown = print_body(response.body)) print_note(unshown->message);
    auto api_origin = http::origin_of(context.environment.base_url);
    if (auto elsewhere = api::unauthorized_off_origin(response, api_origin ? api_origin->to_string() : "")) {
        print_error(*elsewhere);
        return exit_http;
    }
    print_error(api::http_error(response));
    if (response.status == 401) print_note(env::describe_key_for_401(context));
    if (std::string next = api::next_step_for(response); !next.empty()) print_note(next);
    return exit_http;
}

}  // namespace bmx::cli
