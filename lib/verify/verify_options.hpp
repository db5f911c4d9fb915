// VerifyOptions: what `bmx-api verify` checks, what it expects, and how long it may take.
#pragma once

#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "http/transport_options.hpp"

namespace bmx::verify {

// Every check, in the order they run.
inline constexpr std::array<std::string_view, 5> check_order{"version", "environment", "deep", "books", "image"};

struct VerifyOptions {
    std::optional<std::string> expected_version;  // none: /health/version answering is enough
    std::string expected_environment;             // "production" for --prod, else the environment's name
    std::chrono::milliseconds timeout{60000};     // how long the version poll may take
    std::chrono::milliseconds interval{3000};     // between version polls
    std::vector<std::string> checks{check_order.begin(), check_order.end()};
    // Each request but the version polls, which have their own timeout and no retries.
    // The headers go to the API's origin only.
    http::TransportOptions transport;
};

// "deep,version" -> {"version", "deep"}: the named checks in run order. An unknown or
// empty name is a usage error that lists the known ones.
Result<std::vector<std::string>> parse_check_list(std::string_view list);

// --timeout and --interval in seconds to a duration, refusing negatives and absurd values.
Result<std::chrono::milliseconds> seconds_to_duration(double seconds, std::string_view option, double min_seconds);

bool has_check(const VerifyOptions& options, std::string_view name);

}  // namespace bmx::verify
