// The ordered byte budget: granted in ticket order, within its capacity, and never stuck.
#include <doctest/doctest.h>

#include <atomic>
#include <thread>

#include "core/ordered_budget.hpp"

using bmx::OrderedBudget;

TEST_CASE("a later ticket waits for an earlier one even when it would fit") {
    OrderedBudget budget(100);
    std::atomic<bool> second_granted{false};
    std::thread second([&] {
        REQUIRE(budget.acquire(1, 10));
        second_granted = true;
    });
    // Ticket 1 cannot be granted before ticket 0 is; once it is, the join below returns.
    CHECK_FALSE(second_granted.load());
    REQUIRE(budget.acquire(0, 10));
    second.join();
    CHECK(second_granted.load());
    CHECK(budget.held() == 20);
}

TEST_CASE("a share waits for room, and one larger than the budget goes when nothing is held") {
    OrderedBudget budget(100);
    REQUIRE(budget.acquire(0, 80));
    std::thread next([&] { REQUIRE(budget.acquire(1, 500)); });
    budget.release(80);  // only now can 500 bytes go, alone
    next.join();
    CHECK(budget.held() == 500);
}

TEST_CASE("skipping a ticket lets the next one go, and skipping a taken ticket changes nothing") {
    OrderedBudget budget(100);
    budget.skip(0);
    REQUIRE(budget.acquire(1, 30));
    budget.skip(1);  // already taken: a worker's error path may call it anyway
    budget.skip(0);
    REQUIRE(budget.acquire(2, 30));
    CHECK(budget.held() == 60);
}

TEST_CASE("cancel wakes every waiter with false") {
    OrderedBudget budget(10);
    REQUIRE(budget.acquire(0, 10));
    std::atomic<int> refused{0};
    std::thread waiter([&] { refused += budget.acquire(1, 10) ? 0 : 1; });
    budget.cancel();
    waiter.join();
    CHECK(refused.load() == 1);
    CHECK_FALSE(budget.acquire(2, 1));
}
