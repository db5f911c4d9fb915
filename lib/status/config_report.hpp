// The `bmx-api config` report: where requests go and where the key comes from, never the key.
#pragma once

#include <nlohmann/json.hpp>

#include "env/api_context.hpp"

namespace bmx::status {

nlohmann::json config_report(const env::ApiContext& context);

}  // namespace bmx::status
