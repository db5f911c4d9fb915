// The version check: poll /health/version until the expected version answers, bounded in time.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "core/result.hpp"
#include "http/request_driver.hpp"
#include "poll/poll_clock.hpp"
#include "poll/poll_engine.hpp"
#include "verify/check_result.hpp"

namespace bmx::verify {

// What /health/version said: {version, environment, git_sha, deployed_at}.
struct VersionAnswer {
    std::string version;
    std::string environment;
};

// Reads a /health/version answer; an HTTP error or a body without "version" is an Error whose
// message says what came back instead.
Result<VersionAnswer> read_version_answer(const http::HttpResponse& response);

// With an expected version, the answer must name it; without one, any answer will do.
bool version_arrived(const VersionAnswer& answer, const std::optional<std::string>& expected);

// One poll: GET /health/version with the given per-request timeout.
using VersionFetch = poll::PollFetch;

struct VersionPoll {
    CheckResult result;
    std::optional<VersionAnswer> last_answer;  // for the environment check
};

// Polls with the shared engine (poll/poll_engine.hpp) every `interval`, each poll starting one
// interval after the previous one started (later if the server says Retry-After), until the
// version arrives or `timeout` passes. The last poll starts at the timeout at the latest, and
// each poll has min(interval, time left) but at least 1 s to answer, so the check ends within
// the timeout plus one interval (or 1 s, whichever is longer).
VersionPoll poll_version(const VersionFetch& fetch, const std::optional<std::string>& expected,
                         std::chrono::milliseconds timeout, std::chrono::milliseconds interval,
                         const poll::Clock& clock, poll::Sleeper& sleeper);

// "60 s", "2.5 s": seconds for a detail line.
using poll::seconds_text;

}  // namespace bmx::verify
