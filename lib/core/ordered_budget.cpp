// A byte budget granted in ticket order.
#include "core/ordered_budget.hpp"

namespace bmx {

bool OrderedBudget::acquire(std::size_t ticket, std::size_t bytes) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] {
        return cancelled_ || (ticket == next_ticket_ && (held_ == 0 || held_ + bytes <= capacity_));
    });
    if (ticket == next_ticket_) ++next_ticket_;
    if (cancelled_) {
        changed_.notify_all();
        return false;
    }
    held_ += bytes;
    changed_.notify_all();
    return true;
}

void OrderedBudget::skip(std::size_t ticket) {
    std::unique_lock lock(mutex_);
    if (ticket < next_ticket_) return;
    changed_.wait(lock, [&] { return cancelled_ || ticket == next_ticket_; });
    if (ticket == next_ticket_) ++next_ticket_;
    changed_.notify_all();
}

void OrderedBudget::release(std::size_t bytes) {
    {
        std::lock_guard lock(mutex_);
        held_ = bytes > held_ ? 0 : held_ - bytes;
    }
    changed_.notify_all();
}

void OrderedBudget::cancel() {
    {
        std::lock_guard lock(mutex_);
        cancelled_ = true;
    }
    changed_.notify_all();
}

std::size_t OrderedBudget::held() const {
    std::lock_guard lock(mutex_);
    return held_;
}

}  // namespace bmx
