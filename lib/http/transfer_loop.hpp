// TransferLoop: one libcurl multi handle driving many transfers on one thread.
//
// Only this thread touches curl. Other threads hand it work with post(), which wakes the loop
// (curl_multi_wakeup); the loop never waits on anything but the network and its own timers.
#pragma once

#include <atomic>
#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "core/result.hpp"
#include "http/curl_handles.hpp"
#include "http/http_types.hpp"

namespace bmx::http {

class Transfer;

class TransferLoop {
public:
    using Clock = std::chrono::steady_clock;
    // Called on the loop thread when a transfer ends, with its response or transport error.
    using Completion = std::function<void(Result<HttpResponse>)>;

    explicit TransferLoop(std::size_t max_parallel);
    ~TransferLoop();
    TransferLoop(const TransferLoop&) = delete;
    TransferLoop& operator=(const TransferLoop&) = delete;

    // Called on the loop thread when the request actually goes out (not when it is queued).
    using OnLaunch = std::function<void()>;

    // Loop thread only. Starts the request when a slot is free (waiting in FIFO order otherwise).
    void start(HttpRequest request, Completion done, OnLaunch on_launch = {});
    // Loop thread only. Starts the request after the delay (for retries with backoff).
    void start_after(std::chrono::milliseconds delay, HttpRequest request, Completion done, OnLaunch on_launch = {});

    // Any thread. Runs the task on the loop thread soon and wakes the loop to do it.
    void post(std::function<void()> task);

    // Runs until nothing is in flight, waiting or scheduled, and `more_to_come` says no more
    // work will be posted. `on_tick` runs every tick_interval (progress meters, cancellation).
    void run(const std::function<bool()>& more_to_come, const std::function<void()>& on_tick,
             std::chrono::milliseconds tick_interval = std::chrono::milliseconds(100));

    // Loop thread only. Stops every transfer in flight (each completes with stage "cancelled")
    // and drops everything waiting or scheduled (each completes with stage "cancelled" too).
    void abort_all(const std::string& reason);
    // Loop thread only. Drops what waits or is scheduled but lets transfers in flight finish.
    void drop_pending(const std::string& reason);

    std::size_t in_flight() const { return running_.size(); }
    std::size_t waiting() const { return waiting_.size() + scheduled_.size(); }
    // Request-body bytes sent so far by the transfers in flight.
    long long bytes_sent_in_flight() const;

private:
    struct Pending {
        HttpRequest request;
        Completion done;
        Clock::time_point not_before;
        OnLaunch on_launch;
    };
    struct Running {
        std::unique_ptr<Transfer> transfer;
        Completion done;
    };

    void fill_slots();
    void launch(Pending pending);
    void drain_finished();
    void run_posted_tasks();
    int poll_timeout_ms(std::chrono::milliseconds tick_left) const;

    MultiHandle multi_;
    std::size_t max_parallel_;
    std::deque<Pending> waiting_;
    std::vector<Pending> scheduled_;
    std::vector<Running> running_;

    std::mutex posted_mutex_;
    std::vector<std::function<void()>> posted_;
};

}  // namespace bmx::http
