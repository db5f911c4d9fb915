// thumbnail_status: the status JSON for thumbnails, the one place its field names live.
#pragma once

#include <span>

#include <nlohmann/json.hpp>

#include "image/thumbnail_batch.hpp"

namespace bmx::status {

// {file, status: "generated"|"failed", format, source_width, source_height, width, height,
//  path, warnings: [...], error: null | {stage, message}}. Values that a failure leaves
// unknown (format of a non-image, sizes, path) are null.
nlohmann::json thumbnail_status(const image::ThumbnailReport& report);

// One object per report, in the order given.
nlohmann::json thumbnail_statuses(std::span<const image::ThumbnailReport> reports);

}  // namespace bmx::status
