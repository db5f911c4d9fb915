// The `bmx-api config` report: where requests go and where the key comes from, never the key.
#pragma once

#include <filesystem>
#include <optional>

#include <nlohmann/json.hpp>

#include "env/api_context.hpp"
#include "upload/upload_limit.hpp"

namespace bmx::status {

// With the upload request-size limit in force for this base URL and where the upload record lives.
nlohmann::json config_report(const env::ApiContext& context, const upload::UploadLimit& upload_limit,
                             const std::optional<std::filesystem::path>& upload_record_dir);

}  // namespace bmx::status
