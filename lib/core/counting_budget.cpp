// A byte budget granted to whichever waiter fits.
#include "core/counting_budget.hpp"

#include <chrono>

namespace bmx {
namespace {

// How soon a waiter sees a cancelled token: the token is a plain flag that nobody notifies.
constexpr std::chrono::milliseconds poll_interval{50};

}  // namespace

CountingBudget::Grant CountingBudget::acquire(std::size_t bytes, const CancelToken& token) {
    if (bytes > capacity_) return Grant::over_capacity;
    std::unique_lock lock(mutex_);
    for (;;) {
        if (cancelled_ || token.cancelled()) return Grant::cancelled;
        if (bytes <= capacity_ - held_) break;
        changed_.wait_for(lock, poll_interval);
    }
    held_ += bytes;
    return Grant::granted;
}

void CountingBudget::release(std::size_t bytes) {
    {
        std::lock_guard lock(mutex_);
        held_ = bytes > held_ ? 0 : held_ - bytes;
    }
    changed_.notify_all();
}

void CountingBudget::cancel() {
    {
        std::lock_guard lock(mutex_);
        cancelled_ = true;
    }
    changed_.notify_all();
}

std::size_t CountingBudget::held() const {
    std::lock_guard lock(mutex_);
    return held_;
}

}  // namespace bmx
