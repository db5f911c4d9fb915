// Just enough HTTP/1.1 parsing to tell when a request's headers, or the whole request, have arrived.
#include "http_request_probe.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace bmx::faultpeer {

namespace {

constexpr const char* header_end = "\r\n\r\n";

std::string lower_case(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

}  // namespace

bool holds_request_headers(const std::string& received) {
  return received.find(header_end) != std::string::npos;
}

bool holds_complete_request(const std::string& received) {
  const auto end = received.find(header_end);
  if (end == std::string::npos) return false;
  const std::string headers = lower_case(received.substr(0, end + 2));
  if (headers.find("\r\ntransfer-encoding:") != std::string::npos) return false;

  const auto length_at = headers.find("\r\ncontent-length:");
  if (length_at == std::string::npos) return true;
  const std::size_t body_length =
      std::strtoull(headers.c_str() + length_at + sizeof("\r\ncontent-length:") - 1, nullptr, 10);
  return received.size() - (end + 4) >= body_length;
}

}  // namespace bmx::faultpeer
