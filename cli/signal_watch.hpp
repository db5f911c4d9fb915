// SignalWatch: SIGINT, SIGTERM and SIGHUP during a batch, taken on a thread of its own (sigwait),
// so nothing runs in signal-handler context. The first asks the batch to stop cleanly, the second
// to abort transfers now; the third writes the statuses known so far and leaves with exit 130.
#pragma once

#include <atomic>
#include <csignal>
#include <functional>
#include <string>
#include <thread>

namespace bmx::cli {

class SignalWatch {
public:
    // The last words: what the third signal writes to stdout before leaving. Called on the
    // watcher thread; it must take its own locks.
    using LastWords = std::function<std::string()>;

    // Blocks the three signals in this thread (and so in every thread started after it) and
    // starts the watcher. Construct it before any worker or loop thread exists.
    SignalWatch(std::atomic<int>& count, LastWords last_words);
    // Stops the watcher, takes any signal still pending (counting it), and restores the mask.
    ~SignalWatch();
    SignalWatch(const SignalWatch&) = delete;
    SignalWatch& operator=(const SignalWatch&) = delete;

private:
    void watch();

    std::atomic<int>& count_;
    LastWords last_words_;
    std::atomic<bool> stopping_{false};
    sigset_t watched_{};
    sigset_t previous_mask_{};
    std::thread thread_;
};

}  // namespace bmx::cli
