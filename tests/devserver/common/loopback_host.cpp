// Decides whether a --host value names a loopback address, so the test doubles never listen on a real network.
#include "loopback_host.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <cctype>

namespace bmx::testpeer {

namespace {

std::string lower_case(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

bool is_ipv6_literal(const std::string& host) {
  in6_addr address{};
  return inet_pton(AF_INET6, host.c_str(), &address) == 1;
}

}  // namespace

bool is_loopback_host(const std::string& host) {
  if (lower_case(host) == "localhost") return true;

  in_addr v4{};
  if (inet_pton(AF_INET, host.c_str(), &v4) == 1) {
    // s_addr is in network byte order, so the first octet is the top byte.
    return (ntohl(v4.s_addr) >> 24) == 127;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, host.c_str(), &v6) == 1) {
    return IN6_IS_ADDR_LOOPBACK(&v6);
  }
  return false;
}

std::string bind_address_for(const std::string& host) {
  return lower_case(host) == "localhost" ? "127.0.0.1" : host;
}

std::string http_origin(const std::string& host, int port) {
  const std::string authority_host = is_ipv6_literal(host) ? "[" + host + "]" : host;
  return "http://" + authority_host + ":" + std::to_string(port);
}

}  // namespace bmx::testpeer
