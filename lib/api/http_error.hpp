// Describes an HTTP error answer (status >= 400) in one line, using the API's "detail" field.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "http/http_types.hpp"

namespace bmx::api {

// "HTTP 404 Not Found: Book not found": the server's detail as it said it. FastAPI's bare
// {"detail": "Not Found"} is its answer for a path no route matches, so a 404 with it reads
// "route not found: check the path and the base URL (URL)". Stage "http", http_status set.
Error http_error(const http::HttpResponse& response);

// A 401 answered by an origin other than the API's (api_origin, "https://host:443"): reached
// by a redirect, where the API key is never sent. The error says so rather than blaming the
// key. None for any other answer.
std::optional<Error> unauthorized_off_origin(const http::HttpResponse& response, std::string_view api_origin);

// The API's "detail" in words: a string as is; FastAPI's validation list as "body.file: field required".
std::string response_detail(const std::string& body);

// What to do next, when an answer says so plainly: the 404 "No analysis job found for this book"
// of /books/ID/analysis/status names the POST that starts one. Empty otherwise.
std::string next_step_for(const http::HttpResponse& response);

// The X-BMX-Warning header split at ';', one warning each.
std::vector<std::string> server_warnings(const http::HttpResponse& response);

}  // namespace bmx::api
