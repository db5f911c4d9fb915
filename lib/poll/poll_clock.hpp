// Time for polls, injected: a Clock says what time it is and a Sleeper waits, cut short by Ctrl-C.
#pragma once

#include <atomic>
#include <chrono>

#include "core/cancel_token.hpp"

namespace bmx::poll {

using TimePoint = std::chrono::steady_clock::time_point;

class Clock {
public:
    virtual ~Clock() = default;
    virtual TimePoint now() const = 0;
};

class Sleeper {
public:
    virtual ~Sleeper() = default;
    // Returns at `when`, or sooner once interrupted() is true.
    virtual void sleep_until(TimePoint when) = 0;
    virtual bool interrupted() const = 0;
};

// Set from a SIGINT handler, so it must be lock-free; read through a CancelToken.
using InterruptFlag = std::atomic<bool>;
static_assert(InterruptFlag::is_always_lock_free);

class SteadyClock final : public Clock {
public:
    TimePoint now() const override { return std::chrono::steady_clock::now(); }
};

// Sleeps in slices of at most 50 ms, so a Ctrl-C ends a wait within one slice; with a default
// token it is never interrupted.
class InterruptibleSleeper final : public Sleeper {
public:
    explicit InterruptibleSleeper(CancelToken cancel = {}) : cancel_(cancel) {}
    void sleep_until(TimePoint when) override;
    bool interrupted() const override { return cancel_.cancelled(); }

private:
    CancelToken cancel_;
};

}  // namespace bmx::poll
