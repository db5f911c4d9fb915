// CancelToken: the one way long work (a decode, a wait for budget, a request's backoff) learns
// that it should stop, without holding a reference to the signal machinery. A token is cancelled
// by an interrupt count above zero, by a flag, or by either; a default-constructed token never is.
#pragma once

#include <atomic>

namespace bmx {

class CancelToken {
public:
    CancelToken() = default;
    // Cancelled once the count is above zero: the interrupt count the signal watcher raises.
    explicit CancelToken(const std::atomic<int>& interrupts) : interrupts_(&interrupts) {}
    // Cancelled once the flag is set.
    explicit CancelToken(const std::atomic<bool>& flag) : flag_(&flag) {}

    // This token, and also cancelled once `flag` is set (a batch's own stop beside Ctrl-C).
    CancelToken or_when(const std::atomic<bool>& flag) const {
        CancelToken both = *this;
        both.flag_ = &flag;
        return both;
    }

    // Cheap enough to call per row or per scan.
    bool cancelled() const {
        return (interrupts_ != nullptr && interrupts_->load(std::memory_order_relaxed) > 0) ||
               (flag_ != nullptr && flag_->load(std::memory_order_relaxed));
    }

private:
    const std::atomic<int>* interrupts_ = nullptr;
    const std::atomic<bool>* flag_ = nullptr;
};

}  // namespace bmx
