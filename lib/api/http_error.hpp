// Describes an HTTP error answer (status >= 400) in one line, using the API's "detail" field.
#pragma once

#include <string>

#include "core/error.hpp"
#include "http/http_types.hpp"

namespace bmx::api {

// "HTTP 404 Not Found: Book not found". Stage "http", http_status set.
Error http_error(const http::HttpResponse& response);

// The API's "detail" in words: a string as is; FastAPI's validation list as "body.file: field required".
std::string response_detail(const std::string& body);

// The X-BMX-Warning header split at ';', one warning each.
std::vector<std::string> server_warnings(const http::HttpResponse& response);

}  // namespace bmx::api
