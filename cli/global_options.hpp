// Options that apply to every command, before or after its name, and what the scripting ones mean for a request.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "ci_report_options.hpp"
#include "http/http_types.hpp"
#include "http/retry_policy.hpp"

namespace bmx::cli {

// The group of the scripting options a command declares again, bound to the same values as the
// program's own (verify's --jq, --retry...): the same meaning before the command or after it.
inline constexpr const char* shared_scripting_group = "Scripting options (also before the command)";

// --wait-until and its companions: poll a GET until a jq condition holds for the answer.
struct WaitOptions {
    std::optional<std::string> until;               // --wait-until EXPR
    std::optional<std::string> fail_if;             // --fail-if EXPR
    std::optional<double> interval_seconds;         // --interval S, default 5
    std::optional<double> timeout_seconds;          // --wait-timeout S, default 600
    // The options given, by name, for messages that refuse them.
    std::vector<std::string> given() const {
        std::vector<std::string> names;
        if (until) names.push_back("--wait-until");
        if (fail_if) names.push_back("--fail-if");
        if (interval_seconds) names.push_back("--interval");
        if (timeout_seconds) names.push_back("--wait-timeout");
        return names;
    }
};

// --jq, --paginate, --retry, --retry-delay, --retry-all, --timing and the WaitOptions.
struct ScriptingOptions {
    std::optional<std::string> jq;     // --jq EXPR, applied to the response (or verify's report)
    bool paginate = false;             // --paginate: every page of a paginated GET, merged
    std::optional<int> max_pages_mib;  // --max-pages-mib N: all pages' bodies together (default 256)
    // Empty when not given: a command that does not take them refuses them by that, whatever
    // the value (an explicit `--retry 0` included).
    std::optional<int> retry;                     // --retry N: retries after transport errors, 408, 429, 5xx (default 0)
    std::optional<double> retry_delay_seconds;    // --retry-delay S: the first backoff, doubled each retry (default 1)
    bool retry_all = false;            // --retry-all: also retry POST and PATCH
    bool timing = false;               // --timing: curl's phase times on stderr
    WaitOptions wait;                  // --wait-until, --fail-if, --interval, --wait-timeout
};

struct GlobalOptions {
    bool prod = false;
    std::string env_name;   // --env NAME; empty means staging, or prod with --prod
    std::string base_url;   // --base-url URL
    std::string ca_bundle;  // --cacert FILE: the CAs trusted instead of the system's
    std::vector<std::string> headers;  // -H 'Name: value'
    double timeout_seconds = 30.0;
    int max_response_mib = 64;  // --max-response-mib N: each answer's decoded body
    bool include = false;   // -i
    bool verbose = false;   // -v
    std::string colour = "auto";  // --color auto|always|never
    // For requests and verify; upload, thumbnail and config refuse them.
    ScriptingOptions scripting;
    // --report-junit, --ci-format: verify, upload, --image and --wait-until; the others refuse them.
    CiReportOptions ci;
    // The command line's words as given, for messages about where a word stands.
    std::vector<std::string> words;
};

inline http::RetryPolicy retry_policy_for(const ScriptingOptions& scripting) {
    http::RetryPolicy policy;
    policy.max_retries = scripting.retry.value_or(0);
    policy.base_delay = std::chrono::milliseconds(static_cast<long long>(scripting.retry_delay_seconds.value_or(1.0) * 1000.0 + 0.5));
    policy.retry_non_idempotent = scripting.retry_all;
    return policy;
}

// "retrying (attempt 2 of 3) after HTTP 503 in 0.5 s", for print_note.
inline std::string retry_note(int attempt, const ScriptingOptions& scripting, const std::string& reason,
                              std::chrono::milliseconds delay) {
    return fmt::format("retrying (attempt {} of {}) after {} in {:.1f} s", attempt, scripting.retry.value_or(0) + 1, reason,
                       static_cast<double>(delay.count()) / 1000.0);
}

// "timing: dns 0.1 ms, connect 0.3 ms, tls 0.0 ms, first byte 12.0 ms, total 12.4 ms": curl's
// times, each from the start of the request (so connect includes dns).
inline std::string timing_text(const http::Timing& timing) {
    return fmt::format("timing: dns {:.1f} ms, connect {:.1f} ms, tls {:.1f} ms, first byte {:.1f} ms, total {:.1f} ms",
                       timing.dns_ms, timing.connect_ms, timing.tls_ms, timing.first_byte_ms, timing.total_ms);
}

}  // namespace bmx::cli
