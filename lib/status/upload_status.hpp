// The per-file upload status that people and scripts read, and its framings (one JSON array, or
// one line per file): the one place that writes their field names and shapes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "upload/file_status.hpp"

namespace bmx::status {

// The ImageUploadResponse fields a status shows: the server's own answer for a file it answered;
// for a copy inside the batch or a file the upload record says the book holds, what the server
// answers for content it already has (duplicate, thumbnail skipped, and a message saying why).
struct ShownAnswer {
    std::optional<long long> id;
    std::optional<std::string> url;
    std::optional<std::string> thumbnail_url;
    std::optional<std::string> image_type;
    std::optional<bool> is_primary;
    std::optional<std::string> thumbnail_status;
    std::optional<std::string> thumbnail_error;
    std::optional<bool> duplicate;
    std::optional<std::string> message;
};
ShownAnswer shown_answer(const upload::FileStatus& status);

// The server's ImageUploadResponse fields at the top level, then bmx-api's own fields.
nlohmann::json upload_status_json(const upload::FileStatus& status);

nlohmann::json error_json(const std::optional<Error>& error);
nlohmann::json would_send_json(const upload::WouldSend& plan);

// The framings: one status as a compact JSON line ("...\n", for --ndjson), and compact statuses
// joined as one JSON array ("[a,b]\n").
std::string compact_status(const upload::FileStatus& status);
std::string status_line(const upload::FileStatus& status);
std::string status_array(const std::vector<std::string>& compact_statuses);
nlohmann::json statuses_json(const std::vector<upload::FileStatus>& statuses);

// "14 uploaded, 1 duplicate, 1 failed", naming only the states that occurred.
std::string upload_summary_line(const std::vector<upload::FileStatus>& statuses);

}  // namespace bmx::status
