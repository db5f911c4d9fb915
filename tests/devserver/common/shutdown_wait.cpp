// Waits until the process should stop: SIGTERM/SIGINT, the --exit-after-seconds deadline, or the server ending on its own.
#include "shutdown_wait.hpp"

#include <csignal>
#include <ctime>

#include <pthread.h>

namespace bmx::testpeer {

namespace {

sigset_t shutdown_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  return set;
}

}  // namespace

void block_shutdown_signals() {
  const sigset_t set = shutdown_signals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  std::signal(SIGPIPE, SIG_IGN);
}

ShutdownReason wait_for_shutdown(std::chrono::steady_clock::time_point deadline,
                                 const std::function<bool()>& finished) {
  const sigset_t set = shutdown_signals();
  // Short slices keep `finished` and the deadline responsive without a second thread.
  const timespec slice{0, 200'000'000};
  while (std::chrono::steady_clock::now() < deadline) {
    if (finished()) return ShutdownReason::finished;
    if (sigtimedwait(&set, nullptr, &slice) > 0) return ShutdownReason::signal;
  }
  return ShutdownReason::deadline;
}

}  // namespace bmx::testpeer
