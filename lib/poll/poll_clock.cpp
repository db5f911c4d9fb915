// The real clock and sleeper: steady time, and sleeps a Ctrl-C can end within 50 ms.
#include "poll/poll_clock.hpp"

#include <algorithm>
#include <thread>

namespace bmx::poll {

namespace {

// A signal handler cannot wake a condition variable, so the sleeper looks at the flag this often.
constexpr std::chrono::milliseconds slice{50};

}  // namespace

void InterruptibleSleeper::sleep_until(TimePoint when) {
    for (auto now = std::chrono::steady_clock::now(); now < when && !interrupted(); now = std::chrono::steady_clock::now())
        std::this_thread::sleep_until(std::min<TimePoint>(when, now + slice));
}

}  // namespace bmx::poll
