// Counts interrupt signals for a batch on a sigwait thread, and writes the last words on the third.
#include "signal_watch.hpp"

#include <pthread.h>
#include <unistd.h>

#include <cerrno>
#include <ctime>

#include "exit_codes.hpp"

namespace bmx::cli {
namespace {

void write_all(int fd, const std::string& text) {
    std::size_t done = 0;
    while (done < text.size()) {
        ssize_t wrote = ::write(fd, text.data() + done, text.size() - done);
        if (wrote < 0 && errno == EINTR) continue;
        if (wrote <= 0) return;
        done += static_cast<std::size_t>(wrote);
    }
}

}  // namespace

SignalWatch::SignalWatch(std::atomic<int>& count, LastWords last_words) : count_(count), last_words_(std::move(last_words)) {
    sigemptyset(&watched_);
    sigaddset(&watched_, SIGINT);
    sigaddset(&watched_, SIGTERM);
    sigaddset(&watched_, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &watched_, &previous_mask_);
    thread_ = std::thread([this] { watch(); });
}

SignalWatch::~SignalWatch() {
    stopping_.store(true);
    thread_.join();
    // A signal that came after the watcher's last look is taken here, not left pending to kill
    // the process (by the old disposition) while it prints the statuses.
    const timespec now{0, 0};
    while (::sigtimedwait(&watched_, nullptr, &now) > 0) count_.fetch_add(1);
    pthread_sigmask(SIG_SETMASK, &previous_mask_, nullptr);
}

void SignalWatch::watch() {
    // Wakes every 50 ms to notice stopping_: bounded, and cheap next to a batch's work.
    const timespec slice{0, 50 * 1000 * 1000};
    while (!stopping_.load()) {
        int signal = ::sigtimedwait(&watched_, nullptr, &slice);
        if (signal < 0) continue;  // EAGAIN (the slice ran out) or EINTR
        int seen = count_.fetch_add(1) + 1;
        if (seen < 3) continue;
        // Even the clean stop is stuck: say what is known, then leave.
        std::string words = last_words_ ? last_words_() : std::string();
        write_all(STDOUT_FILENO, words);
        write_all(STDERR_FILENO, "bmx-api: interrupted a third time: left at once; the statuses above are those known so far\n");
        ::_exit(exit_cancelled);
    }
}

}  // namespace bmx::cli
