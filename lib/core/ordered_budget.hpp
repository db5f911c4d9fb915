// OrderedBudget: a byte budget that workers take from in ticket order (0, 1, 2, ...), so that
// files held in memory are always the earliest ones and a later file can never starve an
// earlier one that the rest of the batch is waiting for.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <mutex>

namespace bmx {

class OrderedBudget {
public:
    explicit OrderedBudget(std::size_t capacity_bytes) : capacity_(capacity_bytes) {}

    // Blocks until every lower ticket has taken its share and `bytes` fit (a share larger than
    // the whole budget is granted when nothing else is held, so one huge file still goes).
    // False when the budget was cancelled: the caller must not go on.
    bool acquire(std::size_t ticket, std::size_t bytes);
    // Gives up a ticket that will take nothing, so later tickets are not held up by it; a ticket
    // already taken is left alone (so a worker's error path may always call it).
    void skip(std::size_t ticket);
    // Any thread; never blocks.
    void release(std::size_t bytes);
    // Wakes every waiter with false, now and from now on.
    void cancel();

    std::size_t held() const;

private:
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::size_t capacity_;
    std::size_t held_ = 0;
    std::size_t next_ticket_ = 0;
    bool cancelled_ = false;
};

}  // namespace bmx
