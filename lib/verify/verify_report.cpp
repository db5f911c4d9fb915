// Writes the verify report as JSON, with milliseconds rounded to a tenth.
#include "verify/verify_report.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "core/message_safety.hpp"
#include "poll/poll_engine.hpp"

namespace bmx::verify {
namespace {

using nlohmann::json;

double tenths(double ms) { return std::round(ms * 10.0) / 10.0; }

long long whole_ms(double ms) { return std::llround(ms); }

json check_json(const CheckResult& check, TimingField timing) {
    json out{{"name", check.name},
             {"ok", check.ok()},
             {"status", status_name(check.status)},
             {"detail", safe_message(check.detail)},
             {"attempts", check.attempts},
             {"elapsed_ms", whole_ms(check.elapsed_ms)}};
    if (timing == TimingField::included) out["timing"] = check.timing ? timing_json(*check.timing) : json(nullptr);
    return out;
}

}  // namespace

bool VerifyReport::ok() const {
    return std::all_of(checks.begin(), checks.end(), [](const CheckResult& check) { return check.ok(); });
}

json timing_json(const http::Timing& timing) {
    return json{{"dns_ms", tenths(timing.dns_ms)},
                {"connect_ms", tenths(timing.connect_ms)},
                {"tls_ms", tenths(timing.tls_ms)},
                {"first_byte_ms", tenths(timing.first_byte_ms)},
                {"total_ms", tenths(timing.total_ms)}};
}

json report_json(const VerifyReport& report, TimingField timing) {
    json checks = json::array();
    for (const CheckResult& check : report.checks) checks.push_back(check_json(check, timing));
    return json{{"ok", report.ok()},
                {"environment", report.environment},
                {"base_url", hide_url_userinfo(report.base_url)},
                {"expected_version", report.expected_version ? json(*report.expected_version) : json(nullptr)},
                {"elapsed_ms", whole_ms(report.elapsed_ms)},
                {"checks", std::move(checks)}};
}

std::string summary_line(const VerifyReport& report) {
    std::vector<std::string> failed;
    for (const CheckResult& check : report.checks)
        if (!check.ok()) failed.push_back(check.name);
    auto elapsed = std::chrono::milliseconds(static_cast<long long>(report.elapsed_ms));
    auto took = elapsed < std::chrono::seconds(1) ? fmt::format("{} ms", elapsed.count()) : poll::seconds_text(elapsed);
    if (failed.empty()) return fmt::format("verify: {} passed against {} in {}", report.environment, report.base_url, took);
    return fmt::format("verify: FAILED against {} ({}) in {}", report.base_url, fmt::join(failed, ", "), took);
}

}  // namespace bmx::verify
