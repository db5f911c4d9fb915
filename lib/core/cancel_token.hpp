// CancelToken: lets long work (a decode, a wait for budget) see a Ctrl-C without holding a
// reference to the signal machinery; a default-constructed token is never cancelled.
#pragma once

#include <atomic>

namespace bmx {

class CancelToken {
public:
    CancelToken() = default;
    // Cancelled once the count is above zero: the interrupt count the signal watcher raises.
    explicit CancelToken(const std::atomic<int>& interrupts) : interrupts_(&interrupts) {}

    // Cheap enough to call per row or per scan.
    bool cancelled() const { return interrupts_ != nullptr && interrupts_->load(std::memory_order_relaxed) > 0; }

private:
    const std::atomic<int>* interrupts_ = nullptr;
};

}  // namespace bmx
