// The decode budget: shares that fit are granted, a waiter wakes when room is given back or on
// cancel, and one larger than the whole budget is refused instead of waiting forever.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

#include "core/counting_budget.hpp"

using bmx::BudgetShare;
using bmx::CancelToken;
using bmx::CountingBudget;
using Grant = bmx::CountingBudget::Grant;

TEST_CASE("a decode budget grants shares that fit and refuses one larger than all of it") {
    CountingBudget budget(100);
    CHECK(budget.acquire(60) == Grant::granted);
    CHECK(budget.acquire(40) == Grant::granted);
    CHECK(budget.held() == 100);
    CHECK(budget.acquire(101) == Grant::over_capacity);  // at once, even while full
    budget.release(100);
    CHECK(budget.held() == 0);
}

TEST_CASE("a share that does not fit yet is granted once another is given back") {
    CountingBudget budget(100);
    REQUIRE(budget.acquire(50) == Grant::granted);
    Grant waited = Grant::cancelled;
    std::thread waiter([&] { waited = budget.acquire(60); });
    // 50 + 60 > 100: the waiter cannot have its share before this release, so the join returns
    // only after the release woke it.
    CHECK(budget.held() == 50);
    budget.release(50);
    waiter.join();
    CHECK(waited == Grant::granted);
    CHECK(budget.held() == 60);
}

TEST_CASE("cancel wakes a waiting share with cancelled, and later ones too") {
    CountingBudget budget(100);
    REQUIRE(budget.acquire(90) == Grant::granted);
    Grant waited = Grant::granted;
    std::thread waiter([&] { waited = budget.acquire(20); });
    budget.cancel();
    waiter.join();
    CHECK(waited == Grant::cancelled);
    CHECK(budget.acquire(1) == Grant::cancelled);
    CHECK(budget.held() == 90);
}

TEST_CASE("a Ctrl-C seen through the token wakes a waiting share with cancelled") {
    CountingBudget budget(100);
    REQUIRE(budget.acquire(90) == Grant::granted);
    std::atomic<int> interrupts{0};
    Grant waited = Grant::granted;
    std::thread waiter([&] { waited = budget.acquire(20, CancelToken(interrupts)); });
    interrupts = 1;  // nobody notifies: the waiter sees it on its next look, within 50 ms
    waiter.join();
    CHECK(waited == Grant::cancelled);
}

TEST_CASE("a budget share gives its bytes back when it goes out of scope, moved or not") {
    CountingBudget budget(100);
    {
        REQUIRE(budget.acquire(30) == Grant::granted);
        BudgetShare first(budget, 30);
        BudgetShare moved = std::move(first);
        CHECK(budget.held() == 30);
    }
    CHECK(budget.held() == 0);
}

TEST_CASE("workers sharing a decode budget never hold more than it between them" * doctest::test_suite("tsan")) {
    CountingBudget budget(100);
    std::atomic<std::size_t> in_use{0};
    std::atomic<std::size_t> most{0};
    std::vector<std::thread> workers;
    for (int w = 0; w < 6; ++w)
        workers.emplace_back([&, w] {
            const std::size_t share = 30 + static_cast<std::size_t>(w) * 5;
            for (int round = 0; round < 200; ++round) {
                REQUIRE(budget.acquire(share) == Grant::granted);
                const std::size_t now = in_use.fetch_add(share) + share;
                std::size_t seen = most.load();
                while (now > seen && !most.compare_exchange_weak(seen, now)) {
                }
                in_use.fetch_sub(share);
                budget.release(share);
            }
        });
    for (auto& worker : workers) worker.join();
    CHECK(most.load() <= 100);
    CHECK(budget.held() == 0);
}
