// Time for polls, injected: a Clock says what time it is and a Sleeper waits, cut short by Ctrl-C.
#pragma once

#include <atomic>
#include <chrono>

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

// Set from a SIGINT handler, so it must be lock-free.
using InterruptFlag = std::atomic<bool>;
static_assert(InterruptFlag::is_always_lock_free);

class SteadyClock final : public Clock {
public:
    TimePoint now() const override { return std::chrono::steady_clock::now(); }
};

// Sleeps in slices of at most 50 ms, so a Ctrl-C ends a wait within one slice; without a flag
// it is never interrupted.
class InterruptibleSleeper final : public Sleeper {
public:
    explicit InterruptibleSleeper(const InterruptFlag* interrupt = nullptr) : interrupt_(interrupt) {}
    void sleep_until(TimePoint when) override;
    bool interrupted() const override { return interrupt_ != nullptr && interrupt_->load(); }

private:
    const InterruptFlag* interrupt_;
};

}  // namespace bmx::poll
