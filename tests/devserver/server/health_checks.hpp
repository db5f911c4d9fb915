// The /health/deep report: three named checks whose state the command line can break.
#pragma once

#include "devserver_options.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace bmx::devserver {

// The check names /health/deep reports, in order: database, storage, queue.
const std::vector<std::string>& health_check_names();

// {status, version, environment, timestamp, total_latency_ms, checks:{name:{status, latency_ms, ...}}}
nlohmann::json deep_health_report(const DevserverOptions& options);

}  // namespace bmx::devserver
