// The /health/deep report: three named checks whose state the command line can break.
#include "health_checks.hpp"

#include "iso_time.hpp"

#include <algorithm>

namespace bmx::devserver {

namespace {

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Fixed, plausible details per check so reports are stable across runs.
nlohmann::json healthy_check(const std::string& name, const DevserverOptions& options) {
  if (name == "database") {
    return {{"status", "healthy"}, {"latency_ms", 4.2}, {"book_count", options.books}};
  }
  if (name == "storage") {
    return {{"status", "healthy"}, {"latency_ms", 12.5}, {"bucket", "bmx-devserver-images"}};
  }
  return {{"status", "healthy"}, {"latency_ms", 7.1}, {"messages", 0}};
}

nlohmann::json check_report(const std::string& name, const DevserverOptions& options) {
  nlohmann::json check = healthy_check(name, options);
  if (contains(options.unhealthy_checks, name)) {
    check["status"] = "unhealthy";
    check["error"] = "connection refused";
  } else if (contains(options.degraded_checks, name)) {
    check["status"] = "degraded";
    check["error"] = "slow response: latency above threshold";
  }
  return check;
}

// Same precedence as the real service: any unhealthy check wins, then any degraded.
std::string overall_status(const nlohmann::json& checks) {
  bool degraded = false;
  for (const auto& check : checks) {
    if (check["status"] == "unhealthy") return "unhealthy";
    degraded = degraded || check["status"] == "degraded";
  }
  return degraded ? "degraded" : "healthy";
}

}  // namespace

const std::vector<std::string>& health_check_names() {
  static const std::vector<std::string> names{"database", "storage", "queue"};
  return names;
}

nlohmann::json deep_health_report(const DevserverOptions& options) {
  nlohmann::json checks = nlohmann::json::object();
  for (const auto& name : health_check_names()) checks[name] = check_report(name, options);

  return {{"status", overall_status(checks)},
          {"timestamp", iso8601_utc_now()},
          {"version", options.version},
          {"environment", options.environment},
          {"total_latency_ms", 23.8},
          {"checks", checks}};
}

}  // namespace bmx::devserver
