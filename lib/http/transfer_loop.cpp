// The multi loop: fill free slots, poll, perform, then hand each finished transfer to its completion.
#include "http/transfer_loop.hpp"

#include <algorithm>

#include "http/transfer.hpp"

namespace bmx::http {

TransferLoop::TransferLoop(std::size_t max_parallel) : max_parallel_(std::max<std::size_t>(1, max_parallel)) {
    // Every caller has built its requests' URLs first (base_request), which loads libcurl or
    // returns why it cannot; so this never fails here. If it did, each transfer would still end
    // with the loading error from Transfer::create.
    (void)ensure_curl_initialized();
    multi_.reset(curl_multi_init());
    curl_multi_setopt(multi_.get(), CURLMOPT_MAX_TOTAL_CONNECTIONS, static_cast<long>(max_parallel_));
}

TransferLoop::~TransferLoop() {
    for (Running& running : running_) curl_multi_remove_handle(multi_.get(), running.transfer->easy());
}

void TransferLoop::start(HttpRequest request, Completion done, OnLaunch on_launch) {
    waiting_.push_back(Pending{std::move(request), std::move(done), Clock::now(), std::move(on_launch)});
}

void TransferLoop::start_after(std::chrono::milliseconds delay, HttpRequest request, Completion done, OnLaunch on_launch) {
    scheduled_.push_back(Pending{std::move(request), std::move(done), Clock::now() + delay, std::move(on_launch)});
}

void TransferLoop::post(std::function<void()> task) {
    {
        std::lock_guard lock(posted_mutex_);
        posted_.push_back(std::move(task));
    }
    curl_multi_wakeup(multi_.get());
}

void TransferLoop::run_posted_tasks() {
    std::vector<std::function<void()>> tasks;
    {
        std::lock_guard lock(posted_mutex_);
        tasks.swap(posted_);
    }
    for (auto& task : tasks) task();
}

void TransferLoop::launch(Pending pending) {
    if (pending.on_launch) pending.on_launch();
    auto transfer = Transfer::create(pending.request);
    if (!transfer) {
        pending.done(transfer.take_error());
        return;
    }
    CURLMcode added = curl_multi_add_handle(multi_.get(), (*transfer)->easy());
    if (added != CURLM_OK) {
        pending.done(make_error(Stage::transport, curl_multi_strerror(added)));
        return;
    }
    running_.push_back(Running{std::move(*transfer), std::move(pending.done)});
}

void TransferLoop::fill_slots() {
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

void TransferLoop::drain_finished() {
    int left = 0;
    while (CURLMsg* message = curl_multi_info_read(multi_.get(), &left)) {
        if (message->msg != CURLMSG_DONE) continue;
        CURL* easy = message->easy_handle;
        CURLcode code = message->data.result;
        auto found = std::find_if(running_.begin(), running_.end(),
                                  [&](const Running& running) { return running.transfer->easy() == easy; });
        if (found == running_.end()) continue;
        curl_multi_remove_handle(multi_.get(), easy);
        Running finished = std::move(*found);
        running_.erase(found);
        finished.done(finished.transfer->finish(code));
    }
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
        int still_running = 0;
        curl_multi_perform(multi_.get(), &still_running);
        drain_finished();
        auto tick_left = std::chrono::duration_cast<std::chrono::milliseconds>(next_tick - Clock::now());
        curl_multi_poll(multi_.get(), nullptr, 0, poll_timeout_ms(tick_left), nullptr);
        curl_multi_perform(multi_.get(), &still_running);
        drain_finished();
    }
    if (on_tick) on_tick();
}

void TransferLoop::drop_pending(const std::string& reason) {
    std::deque<Pending> waiting;
    waiting.swap(waiting_);
    std::vector<Pending> scheduled;
    scheduled.swap(scheduled_);
    for (Pending& pending : waiting) pending.done(make_error(Stage::cancelled, reason));
    for (Pending& pending : scheduled) pending.done(make_error(Stage::cancelled, reason));
}

void TransferLoop::abort_all(const std::string& reason) {
    drop_pending(reason);
    std::vector<Running> running;
    running.swap(running_);
    for (Running& aborted : running) {
        curl_multi_remove_handle(multi_.get(), aborted.transfer->easy());
        aborted.done(make_error(Stage::cancelled, reason));
    }
}

long long TransferLoop::bytes_sent_in_flight() const {
    long long total = 0;
    for (const Running& running : running_) total += running.transfer->bytes_sent();
    return total;
}

}  // namespace bmx::http
