// Parses verify's check list, and its durations given in seconds.
#include "verify/verify_options.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/text.hpp"

namespace bmx::verify {

Result<std::vector<std::string>> parse_check_list(std::string_view list) {
    auto names = split_and_trim(list, ',');
    if (names.empty())
        return make_error(Stage::usage, fmt::format("the check list needs one or more of {}", fmt::join(check_order, ",")));
    for (std::string& name : names) {
        name = to_lower(name);
        if (std::find(check_order.begin(), check_order.end(), name) == check_order.end())
            return make_error(Stage::usage, fmt::format("unknown check '{}': use {}", name, fmt::join(check_order, ",")));
    }
    std::vector<std::string> in_order;
    for (std::string_view check : check_order)
        if (std::find(names.begin(), names.end(), check) != names.end()) in_order.emplace_back(check);
    return in_order;
}

Result<std::chrono::milliseconds> seconds_to_duration(double seconds, std::string_view option, double min_seconds) {
    if (!(seconds >= min_seconds) || seconds > 24 * 3600)
        return make_error(Stage::usage, fmt::format("{} must be between {:g} and 86400 seconds", option, min_seconds));
    return std::chrono::milliseconds(static_cast<long long>(seconds * 1000.0 + 0.5));
}

bool has_check(const VerifyOptions& options, std::string_view name) {
    return std::find(options.checks.begin(), options.checks.end(), name) != options.checks.end();
}

}  // namespace bmx::verify
