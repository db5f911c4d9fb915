// Relays a connection byte-for-byte to the upstream port, for the connections the fault peer lets through.
#pragma once

#include "connection_outcome.hpp"
#include "unique_fd.hpp"

#include <atomic>

namespace bmx::faultpeer {

// Copies both ways until either side closes (then closes both) or `stopping`.
ConnectionOutcome relay_to_upstream(UniqueFd client, int upstream_port, const std::atomic<bool>& stopping);

}  // namespace bmx::faultpeer
