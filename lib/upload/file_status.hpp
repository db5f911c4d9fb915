// FileStatus: the final word on one input file of an upload, whatever happened to it, as plain
// typed values; lib/status turns it into the JSON and the table people and scripts read.
#pragma once

#include <optional>
#include <string>
#include <vector>

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

// The server's ImageUploadResponse, read against its contract (upload_answer.hpp): an answer
// that breaks it is never kept, so every field here had the type the contract gives it.
struct UploadAnswer {
    long long id = 0;
    std::optional<std::string> url;
    std::optional<std::string> thumbnail_url;
    std::optional<std::string> image_type;
    std::optional<bool> is_primary;
    std::optional<std::string> thumbnail_status;  // "generated" | "failed" | "skipped"
    std::optional<std::string> thumbnail_error;
    std::optional<bool> duplicate;
    std::optional<std::string> message;
};

// Where a stored file's answer comes from.
enum class AnswerSource {
    server,         // the server's answer to this file's own upload
    batch_copy,     // the same content earlier in this batch (copy_of): uploaded once, for both
    upload_record,  // bmx-api's upload record says the book holds it: not sent again
};

// With --dry-run: the request that would be sent.
struct WouldSend {
    struct Field {
        std::string name;
        std::string filename;
        std::string content_type;
        long long bytes = 0;
    };
    std::string method;
    std::string url;  // userinfo already taken out
    bool api_key = false;
    std::vector<Field> fields;
    long long request_bytes = 0;
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
    // The answer that stands for this file (null when no upload stands for it).
    std::optional<UploadAnswer> answer;
    AnswerSource answer_source = AnswerSource::server;
    std::string copy_of;                   // with AnswerSource::batch_copy: the file uploaded for both
    std::optional<long long> held_by_book;  // with AnswerSource::upload_record: the book that holds it
    std::optional<WouldSend> would_send;
    // The image that stands for this file, and its place in the book once the batch placed it.
    std::optional<long long> image_id;
    std::optional<long long> display_order;
    std::optional<bool> is_primary;
    // For stored files: whether the book's order was set and confirmed with this file in it.
    std::optional<bool> placed;

    bool succeeded() const { return state == UploadState::uploaded || state == UploadState::duplicate; }
};

}  // namespace bmx::upload
