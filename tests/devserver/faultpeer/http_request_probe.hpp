// Just enough HTTP/1.1 parsing to tell when a request's headers, or the whole request, have arrived.
#pragma once

#include <string>

namespace bmx::faultpeer {

bool holds_request_headers(const std::string& received);

// Headers plus a Content-Length body. A chunked body never counts as complete:
// the reset mode then waits for its byte or time limit instead.
bool holds_complete_request(const std::string& received);

}  // namespace bmx::faultpeer
