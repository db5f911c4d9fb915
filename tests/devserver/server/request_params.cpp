// Reading ids from the path, typed query values and the body size from a request without throwing.
#include "request_params.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <string_view>

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

QueryBool query_bool(const httplib::Request& request, const std::string& name) {
  if (!request.has_param(name)) return QueryBool::absent;
  std::string value = request.get_param_value(name);
  std::transform(value.begin(), value.end(), value.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  static const std::array<std::string_view, 6> yes{"true", "1", "yes", "on", "t", "y"};
  static const std::array<std::string_view, 6> no{"false", "0", "no", "off", "f", "n"};
  if (std::find(yes.begin(), yes.end(), value) != yes.end()) return QueryBool::yes;
  if (std::find(no.begin(), no.end(), value) != no.end()) return QueryBool::no;
  return QueryBool::malformed;
}

}  // namespace bmx::devserver
