// The JSON a download prints for each image, and its summary line: the one place for their field names.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "download/image_download.hpp"

namespace bmx::status {

// {id, display_order, file, bytes, sha256, download_status, error: null | {stage, message,
// http_status}}; bytes and sha256 are null when no body was taken in.
nlohmann::json download_status_json(const download::ImageDownload& image);
// One status as a compact JSON line ("...\n"), for --ndjson.
std::string download_status_line(const download::ImageDownload& image);
nlohmann::json download_statuses_json(const std::vector<download::ImageDownload>& images);
// "downloaded 10, skipped 1, failed 1 of 12 images into book-5/"
std::string download_summary_line(const std::vector<download::ImageDownload>& images, const std::string& dir);

}  // namespace bmx::status
