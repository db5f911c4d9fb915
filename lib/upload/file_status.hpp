// FileStatus: the final word on one input file of an upload, whatever happened to it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace bmx::upload {

enum class UploadState { pending, uploaded, duplicate, failed, cancelled, would_upload };

const char* upload_state_name(UploadState state);

struct LocalThumbnail {
    std::string status = "skipped";  // "generated" | "failed" | "skipped"
    std::optional<Error> error;
    int width = 0;
    int height = 0;
    std::string path;  // where --thumb-dir wrote it, else empty
};

// The upload copy --fit made: the file's size, the copy's, its pixels and JPEG quality.
struct FittedCopy {
    long long from_bytes = 0;
    long long to_bytes = 0;
    int width = 0;
    int height = 0;
    int quality = 0;
};

struct FileStatus {
    std::string file;
    UploadState state = UploadState::pending;
    long http_status = 0;
    int attempts = 0;
    long long elapsed_ms = 0;
    long long bytes = 0;           // the bytes sent as the file (the fitted copy's with --fit)
    long long request_bytes = 0;   // the whole multipart body, framing and thumbnail included; 0 when not built
    std::optional<FittedCopy> fitted;
    std::string sha256;            // of the bytes sent
    std::string format;
    std::optional<Error> error;
    LocalThumbnail local_thumbnail;
    std::vector<std::string> warnings;
    // The server's ImageUploadResponse, as it answered (null when no upload happened).
    nlohmann::json server = nullptr;
    // With --dry-run: what would be sent.
    nlohmann::json would_send = nullptr;
    // A duplicate settled inside the batch names the file whose upload it shares.
    std::string copy_of;
    // Read back from the server's image list after the batch (and its reorder).
    std::optional<long long> image_id;
    std::optional<long long> display_order;
    std::optional<bool> is_primary;

    bool succeeded() const { return state == UploadState::uploaded || state == UploadState::duplicate; }
};

}  // namespace bmx::upload
