// The version check: poll /health/version until the expected version answers, bounded in time.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "core/result.hpp"
#include "http/perform.hpp"
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
using VersionFetch = std::function<Result<http::PerformResult>(std::chrono::milliseconds request_timeout)>;

struct VersionPoll {
    CheckResult result;
    std::optional<VersionAnswer> last_answer;  // for the environment check
};

// Polls every `interval` (measured from the start, so slow answers do not stretch the
// schedule) until the version arrives or no poll is due before `timeout`. The last poll starts
// no later than the timeout and has at most max(1 s, interval) to answer, so the check ends
// within timeout plus one interval (or 1 s, whichever is longer).
VersionPoll poll_version(const VersionFetch& fetch, const std::optional<std::string>& expected,
                         std::chrono::milliseconds timeout, std::chrono::milliseconds interval);

// "60 s", "2.5 s": seconds for a detail line.
std::string seconds_text(std::chrono::milliseconds duration);

}  // namespace bmx::verify
