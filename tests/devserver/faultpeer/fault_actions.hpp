// The four ways the fault peer mistreats a connection; each is bounded by time or by the stop flag.
#pragma once

#include "connection_outcome.hpp"
#include "unique_fd.hpp"

#include <atomic>
#include <chrono>

namespace bmx::faultpeer {

// Reads until 1 KiB, the whole request, or 2 s, then aborts with a TCP RST.
ConnectionOutcome reset_after_request(UniqueFd client, const std::atomic<bool>& stopping);

// Reads and discards until the client gives up or the peer stops; never answers.
ConnectionOutcome hang(UniqueFd client, const std::atomic<bool>& stopping);

// After the request headers, sends a valid 200 JSON answer, one body byte every `per_byte`.
ConnectionOutcome trickle_response(UniqueFd client, const std::atomic<bool>& stopping,
                                   std::chrono::milliseconds per_byte);

// Closes without reading or sending anything.
ConnectionOutcome close_at_once(UniqueFd client);

}  // namespace bmx::faultpeer
