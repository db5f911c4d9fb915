// Which failures are retried, and the backoff between attempts.
#include "http/retry_policy.hpp"

#include <algorithm>
#include <cstdlib>
#include <ctime>

#include "core/text.hpp"

namespace bmx::http {

bool is_retryable_status(long status) {
    return status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
}

bool is_retryable_error(const Error& error) {
    return error.stage == Stage::transport || error.stage == Stage::connect || error.stage == Stage::timeout || error.stage == Stage::dns;
}

bool is_idempotent(Method method) { return method != Method::post && method != Method::patch; }

std::optional<std::chrono::milliseconds> retry_after(const HttpResponse& response, std::chrono::milliseconds max_delay) {
    auto value = response.header("Retry-After");
    if (!value) return std::nullopt;
    std::string text(trim(*value));
    if (text.empty()) return std::nullopt;
    if (std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        long long seconds = std::strtoll(text.c_str(), nullptr, 10);
        return std::min(std::chrono::milliseconds(std::min(seconds, 86400LL) * 1000), max_delay);
    }
    std::tm when{};
    if (strptime(text.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &when) == nullptr) return std::nullopt;
    auto target = std::chrono::system_clock::from_time_t(timegm(&when));
    auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(target - std::chrono::system_clock::now());
    return std::clamp(wait, std::chrono::milliseconds(0), max_delay);
}

std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int retry,
                                        std::optional<std::chrono::milliseconds> server_said, std::mt19937& random) {
    if (server_said) return *server_said;
    auto ceiling = policy.base_delay * (1LL << std::clamp(retry - 1, 0, 20));
    ceiling = std::min<std::chrono::milliseconds>(ceiling, policy.max_delay);
    // Half fixed, half random: spreads retries of a batch without ever retrying instantly.
    std::uniform_int_distribution<long long> jitter(0, ceiling.count() / 2);
    return std::chrono::milliseconds(ceiling.count() / 2 + jitter(random));
}

RetryDecision decide_retry(const RetryPolicy& policy, Method method, int attempts_made,
                           const Result<HttpResponse>& outcome, std::mt19937& random) {
    RetryDecision decision;
    if (attempts_made > policy.max_retries) return decision;
    if (!is_idempotent(method) && !policy.retry_non_idempotent) return decision;
    if (outcome ? !is_retryable_status(outcome->status) : !is_retryable_error(outcome.error())) return decision;
    std::optional<std::chrono::milliseconds> server_said;
    if (outcome) {
        server_said = retry_after(*outcome, policy.max_delay);
        decision.reason = "HTTP " + std::to_string(outcome->status);
    } else {
        decision.reason = outcome.error().message;
    }
    decision.retry = true;
    decision.delay = backoff_delay(policy, attempts_made, server_said, random);
    return decision;
}

}  // namespace bmx::http
