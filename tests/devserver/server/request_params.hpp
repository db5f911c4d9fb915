// Reading ids from the path, typed query values and the body size from a request without throwing.
#pragma once

#include <httplib.h>

#include <optional>
#include <string>

namespace bmx::devserver {

// The numeric path capture at `index`, or nothing if it does not fit an int.
std::optional<int> path_id(const httplib::Request& request, std::size_t index = 1);

// The query parameter as an int; `fallback` when absent, nothing when malformed.
std::optional<int> query_int(const httplib::Request& request, const std::string& name, int fallback);

// The body size as sent: Content-Length when present. httplib parses multipart
// bodies into parts and leaves the body empty, so the body alone would say 0.
std::size_t declared_body_bytes(const httplib::Request& request);

// "true"/"1" are true; anything else, or absence, is false.
bool query_flag(const httplib::Request& request, const std::string& name);

// A query parameter FastAPI declares `bool = None`: absent, a boolean as pydantic
// reads one (true/false, 1/0, yes/no, on/off, t/f, y/n in any case), or malformed.
enum class QueryBool { absent, yes, no, malformed };
QueryBool query_bool(const httplib::Request& request, const std::string& name);

}  // namespace bmx::devserver
