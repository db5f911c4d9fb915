// What happened to one connection, as the connection log reports it.
#pragma once

#include <cstdint>
#include <string>

namespace bmx::faultpeer {

struct ConnectionOutcome {
  std::string action;  // reset, hung, trickled, closed, proxied, upstream_unreachable
  std::uint64_t bytes_received = 0;
};

}  // namespace bmx::faultpeer
