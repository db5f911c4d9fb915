// Decides whether a --host value names a loopback address, so the test doubles never listen on a real network.
#pragma once

#include <string>

namespace bmx::testpeer {

// True for "localhost", any address in 127.0.0.0/8, and "::1".
bool is_loopback_host(const std::string& host);

// The address to bind for a loopback host: "localhost" becomes 127.0.0.1 so the
// announced URL and the bound socket always agree.
std::string bind_address_for(const std::string& host);

// "http://HOST:PORT", with IPv6 literals in brackets as URLs require.
std::string http_origin(const std::string& host, int port);

}  // namespace bmx::testpeer
