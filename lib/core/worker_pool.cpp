// Runs tasks on a fixed set of threads; no exception leaves a worker.
#include "core/worker_pool.hpp"

#include <utility>

namespace bmx {

WorkerPool::WorkerPool(unsigned threads) {
    if (threads == 0) threads = 1;
    threads_.reserve(threads);
    for (unsigned i = 0; i < threads; ++i) threads_.emplace_back([this] { work(); });
}

WorkerPool::~WorkerPool() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    has_work_.notify_all();
    for (auto& thread : threads_) thread.join();
}

void WorkerPool::submit(std::function<void()> task) {
    {
        std::lock_guard lock(mutex_);
        queue_.push_back(std::move(task));
    }
    has_work_.notify_one();
}

void WorkerPool::wait_idle() {
    std::unique_lock lock(mutex_);
    idle_.wait(lock, [this] { return queue_.empty() && running_ == 0; });
}

std::size_t WorkerPool::escaped_exceptions() const {
    std::lock_guard lock(mutex_);
    return escaped_exceptions_;
}

void WorkerPool::work() {
    std::unique_lock lock(mutex_);
    for (;;) {
        has_work_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        // Stopping still drains the queue: the destructor promises every submitted task runs.
        if (queue_.empty()) return;
        auto task = std::move(queue_.front());
        queue_.pop_front();
        ++running_;
        lock.unlock();
        bool escaped = false;
        try {
            task();
        } catch (...) {
            escaped = true;  // a throwing task must not take the worker (and the process) down
        }
        task = nullptr;  // release what the task captured before taking the lock again
        lock.lock();
        --running_;
        if (escaped) ++escaped_exceptions_;
        if (queue_.empty() && running_ == 0) idle_.notify_all();
    }
}

unsigned default_jobs() {
    const unsigned cores = std::thread::hardware_concurrency();
    return cores == 0 ? 1 : cores;
}

}  // namespace bmx
