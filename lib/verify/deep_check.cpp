// Judges a /health/deep answer and names the checks behind an unhealthy or degraded verdict.
#include "verify/deep_check.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "api/http_error.hpp"
#include "core/json_parse.hpp"

namespace bmx::verify {
namespace {

using nlohmann::json;

std::string string_field(const json& object, const char* name) {
    auto field = object.find(name);
    return field != object.end() && field->is_string() ? field->get<std::string>() : std::string();
}

// "database unhealthy: connection refused; queue degraded: slow" — the checks that are not healthy.
std::string failing_checks(const json& document) {
    auto checks = document.find("checks");
    if (checks == document.end() || !checks->is_object()) return "";
    std::string named;
    for (const auto& [name, check] : checks->items()) {
        if (!check.is_object()) continue;
        std::string status = string_field(check, "status");
        if (status == "healthy" || status == "ok") continue;
        if (!named.empty()) named += "; ";
        named += fmt::format("{} {}", name, status.empty() ? "without a status" : status);
        if (std::string error = string_field(check, "error"); !error.empty()) named += ": " + error;
    }
    return named;
}

std::string healthy_checks(const json& document) {
    auto checks = document.find("checks");
    if (checks == document.end() || !checks->is_object() || checks->empty()) return "";
    std::string names;
    for (const auto& [name, check] : checks->items()) names += (names.empty() ? "" : ", ") + name;
    return names;
}

}  // namespace

Verdict judge_deep(const http::HttpResponse& response) {
    json document = parse_json_within_depth(response.body);
    bool readable = !document.is_discarded() && document.is_object() && document.contains("status");
    // Some deployments answer 503 with the same report; the report says more than the status.
    if (!readable && response.status >= 400)
        return {CheckStatus::failed, fmt::format("expected a health report, got {}", api::http_error(response).message)};
    if (!readable)
        return {CheckStatus::failed, fmt::format("expected a health report with a \"status\", got HTTP {} without one",
                                                 response.status)};
    std::string status = string_field(document, "status");
    std::string failing = failing_checks(document);
    if (status == "healthy" || status == "ok") {
        std::string names = healthy_checks(document);
        return {CheckStatus::passed, names.empty() ? std::string("healthy") : fmt::format("healthy ({})", names)};
    }
    if (status == "degraded")
        return {CheckStatus::warning, failing.empty() ? std::string("degraded") : fmt::format("degraded: {}", failing)};
    if (status == "unhealthy")
        return {CheckStatus::failed, failing.empty() ? std::string("expected healthy, got unhealthy")
                                                     : fmt::format("expected healthy, got unhealthy: {}", failing)};
    return {CheckStatus::failed, fmt::format("expected status healthy or degraded, got '{}'", status)};
}

}  // namespace bmx::verify
