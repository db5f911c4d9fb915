// The per-file upload status JSON that people and scripts read; the field names live here only.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "upload/file_status.hpp"

namespace bmx::status {

// The server's ImageUploadResponse fields at the top level, then bmx-api's own fields.
nlohmann::json upload_status_json(const upload::FileStatus& status);

nlohmann::json error_json(const std::optional<Error>& error);

// "14 uploaded, 1 duplicate, 1 failed", naming only the states that occurred.
std::string upload_summary_line(const std::vector<upload::FileStatus>& statuses);

}  // namespace bmx::status
