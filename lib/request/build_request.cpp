// Builds the HttpRequest for `bmx-api METHOD PATH [BODY]`, validating it before anything is sent.
#include "request/build_request.hpp"

#include <fmt/format.h>

#include "core/file_read.hpp"
#include "core/message_safety.hpp"
#include "core/text.hpp"
#include "http/redact.hpp"
#include "http/url.hpp"
#include "request/json_check.hpp"

namespace bmx::request {
namespace {

Result<std::string> read_body_source(const std::string& source, const std::string& what) {
    if (source == "-") return read_stdin(max_body_bytes);
    auto contents = read_small_file(source, max_body_bytes);
    if (!contents) return make_error(Stage::read, fmt::format("{}: {}", what, contents.error().message));
    return contents;
}

bool is_token_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

Status attach_body(http::HttpRequest& request, const RequestOptions& options) {
    if (options.text_file && options.body)
        return make_error(Stage::usage, "give either a JSON BODY or a text file, not both");
    if (options.text_file) {
        auto text = read_body_source(*options.text_file, "text file");
        if (!text) return text.take_error();
        if (text->empty())
            return make_error(Stage::read, fmt::format("text file {} is empty; nothing to send",
                                                  *options.text_file == "-" ? "(stdin)" : *options.text_file));
        request.body = std::move(*text);
        request.content_type = "text/plain; charset=utf-8";
        return Ok{};
    }
    if (!options.body) return Ok{};
    std::string body = *options.body;
    if (body.size() > max_body_bytes)
        return make_error(Stage::read, fmt::format("BODY is {} bytes, over the {} byte limit for request bodies", body.size(), max_body_bytes));
    if (body.size() > 1 && body.front() == '@') {
        auto from_file = read_body_source(body.substr(1), "BODY");
        if (!from_file) return from_file.take_error();
        body = std::move(*from_file);
    }
    if (auto valid = check_json(body); !valid) return valid.take_error();
    request.body = std::move(body);
    request.content_type = "application/json";
    return Ok{};
}

}  // namespace

Result<http::Method> parse_method(std::string_view text) {
    for (http::Method method : known_methods)
        if (iequals(text, http::method_name(method))) return method;
    return make_error(Stage::usage, fmt::format("unknown method '{}': use GET, POST, PUT, PATCH, DELETE or HEAD", text));
}

Status check_header(std::string_view line) {
    auto colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0)
        return make_error(Stage::usage, fmt::format("header '{}' must look like 'Name: value'", line));
    for (char c : line.substr(0, colon))
        if (!is_token_char(c)) return make_error(Stage::usage, fmt::format("header name in '{}' has an invalid character", line.substr(0, colon)));
    if (line.find_first_of("\r\n") != std::string_view::npos)
        return make_error(Stage::usage, "a header may not contain a line break");
    auto name = trim(line.substr(0, colon));
    if (iequals(name, "x-api-key"))
        return make_error(Stage::usage, "the API key is not given as a header: set BMX_API_KEY or write it to the key file");
    // A Content-Length or Transfer-Encoding that disagrees with the body bmx-api sends would leave
    // the connection out of step with the server; a Host would send the key to another virtual host.
    for (std::string_view framing : {"content-length", "transfer-encoding"})
        if (iequals(name, framing))
            return make_error(Stage::usage, fmt::format("header '{}' is not accepted: bmx-api frames the body itself", name));
    if (iequals(name, "host"))
        return make_error(Stage::usage, "header 'Host' is not accepted: the base URL names the host");
    // A credential given with -H is kept out of every message, as the key is, even if a server echoes it.
    if (http::is_credential_header(line)) remember_secret(trim(line.substr(colon + 1)));
    return Ok{};
}

Result<long> timeout_ms(double seconds) {
    if (!(seconds > 0) || seconds > 24 * 3600)
        // curl's --max-time 0 means no limit; here every request is bounded, so 0 is refused.
        return make_error(Stage::usage, fmt::format("a timeout must be more than 0 and at most 86400 seconds{}",
                                                    seconds == 0 ? "; 0 does not mean no timeout, every request is bounded" : ""));
    return static_cast<long>(seconds * 1000.0 + 0.5);
}

Result<http::HttpRequest> base_request(http::Method method, const std::string& path, const env::Environment& environment,
                                       const env::KeyLookup& key, const http::TransportOptions& transport) {
    http::HttpRequest request;
    request.method = method;
    auto url = http::join_base_and_path(environment.base_url, path);
    if (!url) return url.take_error();
    request.url = std::move(*url);
    auto origin = http::origin_of(environment.base_url);
    if (!origin) return origin.take_error();
    request.api_origin = origin->to_string();
    request.ca_bundle = environment.ca_bundle.path;
    for (const std::string& header : transport.headers) {
        if (auto valid = check_header(header); !valid) return valid.take_error();
        request.headers.push_back(header);
    }
    if (transport.timeout.count() <= 0) return make_error(Stage::usage, "the timeout must be more than 0 seconds");
    request.timeout_ms = static_cast<long>(transport.timeout.count());
    request.max_response_bytes = transport.max_response_bytes;
    if (key.key) {
        if (auto allowed = http::check_key_transport(environment.base_url); !allowed) return allowed.take_error();
        request.api_key = key.key;
    }
    return request;
}

Result<http::HttpRequest> build_request(const RequestOptions& options, const env::Environment& environment,
                                        const env::KeyLookup& key) {
    auto method = parse_method(options.method);
    if (!method) return method.take_error();
    if (options.path.empty()) return make_error(Stage::usage, "PATH is empty; give a path such as /books");
    auto request = base_request(*method, options.path, environment, key, options.transport);
    if (!request) return request;
    if ((options.body || options.text_file) && (*method == http::Method::get || *method == http::Method::head))
        return make_error(Stage::usage, fmt::format("{} takes no body", http::method_name(*method)));
    if (auto body = attach_body(*request, options); !body) return body.take_error();
    request->capture_request_head = options.capture_request_head;
    return request;
}

}  // namespace bmx::request
