// WorkerPool: a fixed set of threads that run submitted tasks, so CPU work is spread over the cores.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace bmx {

class WorkerPool {
public:
    // threads == 0 is taken as 1: a pool that cannot run anything would hang its users.
    explicit WorkerPool(unsigned threads);
    // Runs every task already submitted, then joins the threads.
    ~WorkerPool();

    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    void submit(std::function<void()> task);
    // Blocks until the queue is empty and no task is running.
    void wait_idle();

    unsigned size() const { return static_cast<unsigned>(threads_.size()); }
    // Tasks must report their own errors; this counts the exceptions that escaped one anyway.
    std::size_t escaped_exceptions() const;

private:
    void work();

    mutable std::mutex mutex_;
    std::condition_variable has_work_;
    std::condition_variable idle_;
    std::deque<std::function<void()>> queue_;
    unsigned running_ = 0;
    std::size_t escaped_exceptions_ = 0;
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

// One job per core, at least 1 (hardware_concurrency may answer 0 when it cannot tell).
unsigned default_jobs();

}  // namespace bmx
