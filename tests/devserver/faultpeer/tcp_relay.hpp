// Relays a connection byte-for-byte to the upstream port, for the connections the fault peer lets through.
#pragma once

#include "connection_outcome.hpp"
#include "unique_fd.hpp"

#include <atomic>
#include <cstdint>

namespace bmx::faultpeer {

// Copies both ways until either side closes (then closes both) or `stopping`. With
// reset_after_client_bytes, the client's connection is reset once it has sent that many bytes.
ConnectionOutcome relay_to_upstream(UniqueFd client, int upstream_port, const std::atomic<bool>& stopping,
                                    std::uint64_t reset_after_client_bytes = 0);

}  // namespace bmx::faultpeer
