// WorkerPool: runs every task, survives a throwing one, and drains before it is destroyed.
#include <doctest/doctest.h>

#include <atomic>
#include <stdexcept>

#include "core/worker_pool.hpp"

TEST_CASE("a worker pool runs every submitted task before its destructor returns") {
    std::atomic<int> ran{0};
    {
        bmx::WorkerPool pool(3);
        CHECK(pool.size() == 3);
        for (int i = 0; i < 200; ++i) pool.submit([&] { ++ran; });
    }
    CHECK(ran == 200);
}

TEST_CASE("a task that throws does not stop its worker or the tasks after it") {
    std::atomic<int> ran{0};
    bmx::WorkerPool pool(1);
    pool.submit([] { throw std::runtime_error("boom"); });
    for (int i = 0; i < 5; ++i) pool.submit([&] { ++ran; });
    pool.wait_idle();
    CHECK(ran == 5);
    CHECK(pool.escaped_exceptions() == 1);
}

TEST_CASE("a pool asked for zero threads still has one, and default_jobs is at least 1") {
    bmx::WorkerPool pool(0);
    CHECK(pool.size() == 1);
    CHECK(bmx::default_jobs() >= 1);
}
