// A clock and a sleeper the tests move by hand, and scripted answers, so poll tests never sleep.
#pragma once

#include <algorithm>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "http/request_driver.hpp"
#include "poll/poll_clock.hpp"

namespace bmx::testing {

using std::chrono::milliseconds;

class FakeClock final : public poll::Clock {
public:
    poll::TimePoint now() const override { return now_; }
    void advance(milliseconds by) { now_ += by; }
    void advance_to(poll::TimePoint when) { now_ = std::max(now_, when); }
    // Time since the clock was made: what the tests compare against.
    milliseconds elapsed() const { return std::chrono::duration_cast<milliseconds>(now_ - start_); }
    poll::TimePoint at(milliseconds since_start) const { return start_ + since_start; }

private:
    poll::TimePoint start_ = poll::TimePoint{} + std::chrono::hours(1);
    poll::TimePoint now_ = start_;
};

// Sleeping moves the clock to the wake-up time at once. interrupt_during_sleep(n) makes the n-th
// sleep (1-based) end halfway through with a Ctrl-C, as the real sleeper does.
class FakeSleeper final : public poll::Sleeper {
public:
    explicit FakeSleeper(FakeClock& clock) : clock_(clock) {}
    void sleep_until(poll::TimePoint when) override {
        wake_times.push_back(std::chrono::duration_cast<milliseconds>(when - clock_.at(milliseconds(0))));
        if (interrupt_on_sleep_ && static_cast<int>(wake_times.size()) == *interrupt_on_sleep_) {
            clock_.advance_to(clock_.now() + (when - clock_.now()) / 2);
            interrupted_ = true;
            return;
        }
        clock_.advance_to(when);
    }
    bool interrupted() const override { return interrupted_; }
    void interrupt() { interrupted_ = true; }
    void interrupt_during_sleep(int sleep_number) { interrupt_on_sleep_ = sleep_number; }

    std::vector<milliseconds> wake_times;  // each sleep's target, from the clock's start

private:
    FakeClock& clock_;
    bool interrupted_ = false;
    std::optional<int> interrupt_on_sleep_;
};

inline http::PerformResult answer(long status, std::string body, std::vector<std::pair<std::string, std::string>> headers = {}) {
    http::PerformResult result;
    result.response.status = status;
    result.response.status_line = "HTTP/1.1 " + std::to_string(status);
    result.response.body = std::move(body);
    result.response.headers = std::move(headers);
    return result;
}

inline http::PerformResult job_answer(const std::string& status, const std::string& error_message = "") {
    std::string message = error_message.empty() ? "null" : "\"" + error_message + "\"";
    return answer(200, R"({"job_id":"j1","book_id":7,"status":")" + status + R"(","model":"opus","error_message":)" +
                           message + "}");
}

}  // namespace bmx::testing
