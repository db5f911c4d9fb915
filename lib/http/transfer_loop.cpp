// The multi loop: fill free slots, poll, perform, then hand each finished transfer to its completion.
#include "http/transfer_loop.hpp"

#include <algorithm>
#include <iterator>

#include <fmt/format.h>

#include "http/transfer.hpp"

namespace bmx::http {
namespace {

// A multi-interface failure ends the loop (as in curl's own tool): nothing it held can finish.
Error multi_error(const char* call, CURLMcode code) {
    return make_error(Stage::transport, fmt::format("libcurl's transfer loop failed ({}): {}", call, curl_multi_strerror(code)));
}

}  // namespace

TransferLoop::TransferLoop(std::size_t max_parallel) : max_parallel_(std::max<std::size_t>(1, max_parallel)) {
    if (auto ready = ensure_curl_ready(); !ready) {
        failure_ = ready.take_error();
        return;
    }
    multi_.reset(curl_multi_init());
    if (!multi_) {
        failure_ = make_error(Stage::transport, "libcurl could not create a multi handle (out of memory?)");
        return;
    }
    CURLMcode limited = curl_multi_setopt(multi_.get(), CURLMOPT_MAX_TOTAL_CONNECTIONS, static_cast<long>(max_parallel_));
    if (limited != CURLM_OK) failure_ = multi_error("CURLMOPT_MAX_TOTAL_CONNECTIONS", limited);
}

TransferLoop::~TransferLoop() {
    // run() returns with nothing in flight; this is for a loop left early. Nobody is left to hear
    // of a failed removal, and the easy and multi handles are freed right after in any case.
    for (Running& running : running_) (void)curl_multi_remove_handle(multi_.get(), running.transfer->easy());
}

void TransferLoop::start(HttpRequest request, Completion done, OnLaunch on_launch, CancelToken cancel) {
    waiting_.push_back(Pending{std::move(request), std::move(done), Clock::now(), std::move(on_launch), cancel});
}

void TransferLoop::start_after(std::chrono::milliseconds delay, HttpRequest request, Completion done, OnLaunch on_launch,
                               CancelToken cancel) {
    scheduled_.push_back(Pending{std::move(request), std::move(done), Clock::now() + delay, std::move(on_launch), cancel});
}

void TransferLoop::end_cancelled_waits() {
    std::vector<Pending> ended;
    auto take_cancelled = [&ended](auto& queue) {
        auto kept = std::stable_partition(queue.begin(), queue.end(), [](const Pending& p) { return !p.cancel.cancelled(); });
        std::move(kept, queue.end(), std::back_inserter(ended));
        queue.erase(kept, queue.end());
    };
    take_cancelled(waiting_);
    take_cancelled(scheduled_);
    for (Pending& pending : ended) pending.done(make_error(Stage::cancelled, "cancelled before it was sent"));
}

void TransferLoop::post(std::function<void()> task) {
    {
        std::lock_guard lock(posted_mutex_);
        posted_.push_back(std::move(task));
    }
    posted_ready_.notify_one();
    if (!multi_) return;
    // The loop thread turns a failed wakeup into the loop's failure (post may run on any thread).
    if (CURLMcode woken = curl_multi_wakeup(multi_.get()); woken != CURLM_OK) wakeup_failure_.store(woken);
}

void TransferLoop::run_posted_tasks() {
    std::vector<std::function<void()>> tasks;
    {
        std::lock_guard lock(posted_mutex_);
        tasks.swap(posted_);
    }
    for (auto& task : tasks) task();
}

void TransferLoop::wait_for_posted(std::chrono::milliseconds timeout) {
    std::unique_lock lock(posted_mutex_);
    posted_ready_.wait_for(lock, timeout, [this] { return !posted_.empty(); });
}

void TransferLoop::launch(Pending pending) {
    if (pending.on_launch) pending.on_launch();
    if (failure_) {
        pending.done(*failure_);
        return;
    }
    auto transfer = Transfer::create(pending.request, &sockets_);
    if (!transfer) {
        pending.done(transfer.take_error());
        return;
    }
    CURLMcode added = curl_multi_add_handle(multi_.get(), (*transfer)->easy());
    if (added != CURLM_OK) {
        fail(multi_error("curl_multi_add_handle", added));
        pending.done(*failure_);
        return;
    }
    running_.push_back(Running{std::move(*transfer), std::move(pending.done)});
}

void TransferLoop::fill_slots() {
    end_cancelled_waits();
    auto now = Clock::now();
    // Due retries go to the front of the queue: they were waiting before anything queued since.
    std::stable_sort(scheduled_.begin(), scheduled_.end(),
                     [](const Pending& a, const Pending& b) { return a.not_before < b.not_before; });
    auto due_end = std::find_if(scheduled_.begin(), scheduled_.end(), [&](const Pending& p) { return p.not_before > now; });
    for (auto it = std::make_reverse_iterator(due_end); it != scheduled_.rend(); ++it) waiting_.push_front(std::move(*it));
    scheduled_.erase(scheduled_.begin(), due_end);

    while (running_.size() < max_parallel_ && !waiting_.empty()) {
        Pending next = std::move(waiting_.front());
        waiting_.pop_front();
        launch(std::move(next));
    }
}

Status TransferLoop::drain_finished() {
    int left = 0;
    while (CURLMsg* message = curl_multi_info_read(multi_.get(), &left)) {
        if (message->msg != CURLMSG_DONE) continue;
        CURL* easy = message->easy_handle;
        CURLcode code = message->data.result;
        auto found = std::find_if(running_.begin(), running_.end(),
                                  [&](const Running& running) { return running.transfer->easy() == easy; });
        if (found == running_.end()) continue;
        // Still held on failure: the loop's failure then ends this transfer with the others.
        if (CURLMcode removed = curl_multi_remove_handle(multi_.get(), easy); removed != CURLM_OK)
            return multi_error("curl_multi_remove_handle", removed);
        Running finished = std::move(*found);
        running_.erase(found);
        count_ended(*finished.transfer, code == CURLE_OK);
        finished.done(finished.transfer->finish(code));
    }
    return Ok{};
}

Status TransferLoop::perform_and_drain() {
    int still_running = 0;
    if (CURLMcode performed = curl_multi_perform(multi_.get(), &still_running); performed != CURLM_OK)
        return multi_error("curl_multi_perform", performed);
    return drain_finished();
}

Status TransferLoop::transfer_until(Clock::time_point next_tick) {
    if (auto driven = perform_and_drain(); !driven) return driven;
    auto tick_left = std::chrono::duration_cast<std::chrono::milliseconds>(next_tick - Clock::now());
    if (CURLMcode polled = curl_multi_poll(multi_.get(), nullptr, 0, poll_timeout_ms(tick_left), nullptr);
        polled != CURLM_OK)
        return multi_error("curl_multi_poll", polled);
    return perform_and_drain();
}

int TransferLoop::poll_timeout_ms(std::chrono::milliseconds tick_left) const {
    auto wait = tick_left;
    auto now = Clock::now();
    for (const Pending& pending : scheduled_)
        wait = std::min(wait, std::chrono::duration_cast<std::chrono::milliseconds>(pending.not_before - now));
    return static_cast<int>(std::max<long long>(0, wait.count()));
}

void TransferLoop::run(const std::function<bool()>& more_to_come, const std::function<void()>& on_tick,
                       std::chrono::milliseconds tick_interval) {
    auto next_tick = Clock::now();
    while (true) {
        if (CURLMcode woken = wakeup_failure_.exchange(CURLM_OK); woken != CURLM_OK)
            fail(multi_error("curl_multi_wakeup", woken));
        run_posted_tasks();
        fill_slots();
        if (Clock::now() >= next_tick) {
            if (on_tick) on_tick();
            next_tick = Clock::now() + tick_interval;
            fill_slots();
        }
        if (running_.empty() && waiting_.empty() && scheduled_.empty() && !more_to_come()) {
            run_posted_tasks();
            if (running_.empty() && waiting_.empty() && scheduled_.empty() && !more_to_come()) break;
            continue;
        }
        if (failure_) {
            // Nothing runs any more; wait for posted work or the next due retry, then end it too.
            wait_for_posted(std::chrono::milliseconds(
                poll_timeout_ms(std::chrono::duration_cast<std::chrono::milliseconds>(next_tick - Clock::now()))));
            continue;
        }
        if (auto transferred = transfer_until(next_tick); !transferred) fail(transferred.take_error());
    }
    if (on_tick) on_tick();
}

void TransferLoop::end_all(const Error& error) {
    std::deque<Pending> waiting;
    waiting.swap(waiting_);
    std::vector<Pending> scheduled;
    scheduled.swap(scheduled_);
    std::vector<Running> running;
    running.swap(running_);
    for (Running& ended : running) {
        count_ended(*ended.transfer, false);
        CURLMcode removed = curl_multi_remove_handle(multi_.get(), ended.transfer->easy());
        if (removed != CURLM_OK && !failure_) failure_ = multi_error("curl_multi_remove_handle", removed);
    }
    for (Pending& pending : waiting) pending.done(error);
    for (Pending& pending : scheduled) pending.done(error);
    for (Running& ended : running) ended.done(error);
}

void TransferLoop::fail(Error error) {
    if (!failure_) failure_ = std::move(error);
    Error ending = *failure_;
    end_all(ending);
}

void TransferLoop::drop_pending(const std::string& reason) {
    std::deque<Pending> waiting;
    waiting.swap(waiting_);
    std::vector<Pending> scheduled;
    scheduled.swap(scheduled_);
    for (Pending& pending : waiting) pending.done(make_error(Stage::cancelled, reason));
    for (Pending& pending : scheduled) pending.done(make_error(Stage::cancelled, reason));
}

void TransferLoop::abort_all(const std::string& reason) { end_all(make_error(Stage::cancelled, reason)); }

void TransferLoop::count_ended(const Transfer& transfer, bool answered) {
    bytes_confirmed_ended_ += answered ? transfer.bytes_sent() : bytes_acknowledged(transfer);
}

namespace {

bool is_open(const std::vector<curl_socket_t>& sockets, curl_socket_t socket) {
    return socket != CURL_SOCKET_BAD && std::find(sockets.begin(), sockets.end(), socket) != sockets.end();
}

}  // namespace

long long TransferLoop::bytes_acknowledged(const Transfer& transfer) const {
    long long sent = transfer.bytes_sent();
    if (sent <= 0) return 0;
    const std::vector<curl_socket_t>& open = sockets_.all();
    std::vector<curl_socket_t> charged;
    if (is_open(open, transfer.own_socket())) {
        charged.push_back(transfer.own_socket());
    } else {
        for (curl_socket_t socket : open) {
            bool others = std::any_of(running_.begin(), running_.end(), [&](const Running& running) {
                return running.transfer.get() != &transfer && running.transfer->own_socket() == socket;
            });
            if (!others) charged.push_back(socket);
        }
    }
    long long queued = 0;
    for (curl_socket_t socket : charged) {
        auto unacknowledged = unacknowledged_bytes(socket);
        if (!unacknowledged) return 0;  // the kernel cannot say: nothing counts before the answer
        queued += *unacknowledged;
    }
    return std::max(0LL, sent - queued);
}

long long TransferLoop::bytes_confirmed_total() const {
    long long sent = 0;
    for (const Running& running : running_) sent += running.transfer->bytes_sent();
    long long queued = 0;
    for (curl_socket_t socket : sockets_.all()) {
        auto unacknowledged = unacknowledged_bytes(socket);
        if (!unacknowledged) return bytes_confirmed_ended_;
        queued += *unacknowledged;
    }
    return bytes_confirmed_ended_ + std::max(0LL, sent - queued);
}

std::vector<TransferLoop::InFlight> TransferLoop::in_flight_progress() const {
    std::vector<InFlight> in_flight;
    in_flight.reserve(running_.size());
    for (const Running& running : running_)
        in_flight.push_back(InFlight{running.transfer->request().progress_label, running.transfer->body_bytes(),
                                     bytes_acknowledged(*running.transfer)});
    return in_flight;
}

}  // namespace bmx::http
