// Reading ids from the path, typed query values and the body size from a request without throwing.
#include "request_params.hpp"

#include <charconv>

namespace bmx::devserver {

namespace {

std::optional<int> parse_int(const std::string& text) {
  int value = 0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc{} || stop != end) return std::nullopt;
  return value;
}

}  // namespace

std::optional<int> path_id(const httplib::Request& request, std::size_t index) {
  if (request.matches.size() <= index) return std::nullopt;
  return parse_int(request.matches[static_cast<int>(index)].str());
}

std::optional<int> query_int(const httplib::Request& request, const std::string& name, int fallback) {
  if (!request.has_param(name)) return fallback;
  return parse_int(request.get_param_value(name));
}

std::size_t declared_body_bytes(const httplib::Request& request) {
  if (request.has_header("Content-Length")) {
    return request.get_header_value<std::uint64_t>("Content-Length");
  }
  std::size_t total = request.body.size();
  for (const auto& [name, part] : request.files) total += part.content.size();
  return total;
}

bool query_flag(const httplib::Request& request, const std::string& name) {
  const std::string value = request.get_param_value(name);
  return value == "true" || value == "1";
}

}  // namespace bmx::devserver
