// TransferLoop: one libcurl multi handle driving many transfers on one thread.
//
// Only this thread touches curl. Other threads hand it work with post(), which wakes the loop
// (curl_multi_wakeup); the loop never waits on anything but the network and its own timers.
// A failing curl_multi_* call stops the loop: every transfer it held, and every one started
// after, ends with that error (stage "transport"); so does a libcurl that is not ready (stage "setup").
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/cancel_token.hpp"
#include "core/result.hpp"
#include "http/curl_handles.hpp"
#include "http/http_types.hpp"
#include "http/open_sockets.hpp"

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
    // While it waits, a cancelled token ends it (stage "cancelled") within a tick; once it runs,
    // only abort_all stops it.
    void start(HttpRequest request, Completion done, OnLaunch on_launch = {}, CancelToken cancel = {});
    // Loop thread only. Starts the request after the delay (a retry's backoff), which a cancelled
    // token cuts short the same way.
    void start_after(std::chrono::milliseconds delay, HttpRequest request, Completion done, OnLaunch on_launch = {},
                     CancelToken cancel = {});

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
    // Request-body bytes the server has confirmed, for a progress meter: every byte of a transfer
    // whose answer came (the server read the body before it answered); of those in flight, what
    // libcurl sent less what every open socket still holds unacknowledged by the server's TCP
    // (SIOCOUTQ; it holds request heads too, so this errs low, never high); of those that ended
    // without an answer (retried, failed, aborted), that same estimate at their end. Bytes still
    // in socket buffers never count. Where the kernel cannot say, only answered transfers count.
    long long bytes_confirmed_total() const;

    // A transfer in flight as a progress meter sees it.
    struct InFlight {
        std::string label;  // HttpRequest::progress_label
        long long body_bytes = 0;
        long long bytes_confirmed = 0;
    };
    std::vector<InFlight> in_flight_progress() const;

private:
    struct Pending {
        HttpRequest request;
        Completion done;
        Clock::time_point not_before;
        OnLaunch on_launch;
        CancelToken cancel;
    };
    struct Running {
        std::unique_ptr<Transfer> transfer;
        Completion done;
    };

    void fill_slots();
    // Ends the waiting and scheduled requests whose token is cancelled.
    void end_cancelled_waits();
    void launch(Pending pending);
    Status drain_finished();
    Status perform_and_drain();
    Status transfer_until(Clock::time_point next_tick);
    void run_posted_tasks();
    void wait_for_posted(std::chrono::milliseconds timeout);
    int poll_timeout_ms(std::chrono::milliseconds tick_left) const;
    // Ends everything held (in flight, waiting, scheduled) with `error`.
    void end_all(const Error& error);
    // Stops the loop: records the first failure and ends everything held with it.
    void fail(Error error);

    OpenSockets sockets_;  // before multi_: its cleanup closes pooled connections through it
    MultiHandle multi_;
    std::size_t max_parallel_;
    std::deque<Pending> waiting_;
    std::vector<Pending> scheduled_;
    std::vector<Running> running_;
    std::optional<Error> failure_;
    // Records what a transfer that ends confirmed: all it sent when it was answered.
    void count_ended(const Transfer& transfer, bool answered);
    // What the server acknowledged of one transfer in flight: what it sent less the queue of its
    // own socket, or on a reused connection (whose socket libcurl does not name) less the queues
    // of every socket no other running transfer opened. Errs low, never high.
    long long bytes_acknowledged(const Transfer& transfer) const;

    long long bytes_confirmed_ended_ = 0;  // by transfers no longer running

    std::mutex posted_mutex_;
    std::condition_variable posted_ready_;  // waited on only once the loop has failed
    std::vector<std::function<void()>> posted_;
    std::atomic<CURLMcode> wakeup_failure_{CURLM_OK};
};

}  // namespace bmx::http
