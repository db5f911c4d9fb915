// Waits until the process should stop: SIGTERM/SIGINT, the --exit-after-seconds deadline, or the server ending on its own.
#pragma once

#include <chrono>
#include <functional>

namespace bmx::testpeer {

enum class ShutdownReason { signal, deadline, finished };

// Must run in main before any thread starts, so every thread inherits a mask in
// which SIGTERM/SIGINT are blocked and only wait_for_shutdown receives them.
// Also ignores SIGPIPE: a client that hangs up must not kill the test double.
void block_shutdown_signals();

// Returns when a shutdown signal arrives, when `deadline` passes, or when
// `finished()` turns true (checked a few times a second).
ShutdownReason wait_for_shutdown(std::chrono::steady_clock::time_point deadline,
                                 const std::function<bool()>& finished);

}  // namespace bmx::testpeer
