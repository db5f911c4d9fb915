// How a request's answer is printed: -i/-v heads, the body filtered by --jq, and HTTP errors.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "env/api_context.hpp"
#include "global_options.hpp"
#include "http/http_types.hpp"
#include "jq/jq_filter.hpp"

namespace bmx::cli {

// "bmx-api: error: ..." and the error's exit code.
int report_error(const Error& error);

// -v: the request line and headers sent; -i and -v: the status line and headers received.
void print_exchange_heads(const http::HttpResponse& response, const GlobalOptions& global);

// --jq's results, one per line.
void print_lines(const std::vector<std::string>& lines);

// The filtered body, or the body as received. When --jq fails on it, the body as received
// goes to stdout instead and the error is stage "answer" (exit 6).
int print_success_body(const std::string& body, std::optional<jq::JqFilter>& filter);

// An answer that could not be used after its request was sent: the body as received on stdout,
// the error on stderr as stage "answer".
int report_unusable_answer(std::string_view body, Error error);

// An answer >= 400: the body unfiltered (like `gh api --jq`, an error body is not the shape the
// filter expects), status and detail on stderr, exit 1.
int report_http_error(const http::HttpResponse& response, const env::ApiContext& context);

}  // namespace bmx::cli
