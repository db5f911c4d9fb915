// CountingBudget: a byte budget shared by workers, granted to whoever fits first (no tickets),
// so the memory that N workers decode into at once stays under one ceiling.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <mutex>

#include "core/cancel_token.hpp"

namespace bmx {

class CountingBudget {
public:
    enum class Grant { granted, over_capacity, cancelled };

    explicit CountingBudget(std::size_t capacity_bytes) : capacity_(capacity_bytes) {}

    // over_capacity at once when bytes exceed the whole budget (waiting could never help).
    // Otherwise blocks until bytes fit beside what is held, then takes them; cancelled when
    // cancel() was called or the token is cancelled (seen within poll_interval) while waiting.
    Grant acquire(std::size_t bytes, const CancelToken& token = {});
    // Any thread; never blocks; wakes the waiters.
    void release(std::size_t bytes);
    // Wakes every waiter with cancelled, now and from now on.
    void cancel();

    std::size_t capacity() const { return capacity_; }
    std::size_t held() const;

private:
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    const std::size_t capacity_;
    std::size_t held_ = 0;
    bool cancelled_ = false;
};

// The share a worker holds, given back when this goes out of scope (error paths included).
class BudgetShare {
public:
    BudgetShare() = default;
    BudgetShare(CountingBudget& budget, std::size_t bytes) : budget_(&budget), bytes_(bytes) {}
    ~BudgetShare() { reset(); }
    BudgetShare(BudgetShare&& other) noexcept : budget_(other.budget_), bytes_(other.bytes_) { other.budget_ = nullptr; }
    BudgetShare& operator=(BudgetShare&& other) noexcept {
        if (this != &other) {
            reset();
            budget_ = other.budget_;
            bytes_ = other.bytes_;
            other.budget_ = nullptr;
        }
        return *this;
    }
    BudgetShare(const BudgetShare&) = delete;
    BudgetShare& operator=(const BudgetShare&) = delete;

    void reset() {
        if (budget_) budget_->release(bytes_);
        budget_ = nullptr;
    }

private:
    CountingBudget* budget_ = nullptr;
    std::size_t bytes_ = 0;
};

}  // namespace bmx
