// Builds the upload status JSON, its framings and the one-line summary.
#include "status/upload_status.hpp"

#include <array>

#include <fmt/format.h>

#include "core/message_safety.hpp"
#include "status/file_name_json.hpp"

namespace bmx::status {
namespace {

using nlohmann::json;
using upload::AnswerSource;

template <typename T>
json optional_json(const std::optional<T>& value) {
    return value ? json(*value) : json(nullptr);
}

json nullable(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }

std::string copy_message(const upload::FileStatus& status) {
    if (status.state == upload::UploadState::would_upload)
        return fmt::format("same content as {} earlier in this batch; it would be uploaded once", status.copy_of);
    if (status.held_by_book)
        return fmt::format("same content as {} earlier in this batch, which the book already holds; not sent", status.copy_of);
    return fmt::format("same content as {} earlier in this batch; uploaded once", status.copy_of);
}

}  // namespace

ShownAnswer shown_answer(const upload::FileStatus& status) {
    ShownAnswer shown;
    if (status.answer) {
        const upload::UploadAnswer& answer = *status.answer;
        shown = ShownAnswer{answer.id,         answer.url,          answer.thumbnail_url,
                            answer.image_type, answer.is_primary,   answer.thumbnail_status,
                            answer.thumbnail_error, answer.duplicate, answer.message};
    }
    switch (status.answer_source) {
        case AnswerSource::server: break;
        case AnswerSource::batch_copy:
            shown.id = status.image_id;
            shown.thumbnail_status = "skipped";
            shown.thumbnail_error.reset();
            shown.duplicate = true;
            shown.message = copy_message(status);
            break;
        case AnswerSource::upload_record:
            shown.id = status.image_id;
            shown.thumbnail_status = "skipped";
            shown.duplicate = true;
            shown.message = fmt::format("not sent again: book {} already holds this content as image {} (bmx-api's upload "
                                        "record, checked against the book's image list; --resend sends it anyway)",
                                        status.held_by_book.value_or(0), status.image_id.value_or(0));
            break;
    }
    return shown;
}

json error_json(const std::optional<Error>& error) {
    if (!error) return nullptr;
    json out{{"stage", stage_name(error->stage)}, {"message", safe_message(error->message)}};
    out["http_status"] = error->http_status > 0 ? json(error->http_status) : json(nullptr);
    return out;
}

json would_send_json(const upload::WouldSend& plan) {
    json fields = json::array();
    for (const upload::WouldSend::Field& field : plan.fields)
        fields.push_back(json{{"name", field.name}, {"filename", field.filename}, {"content_type", field.content_type},
                              {"bytes", field.bytes}});
    return json{{"method", plan.method},
                {"url", safe_message(plan.url)},
                {"api_key", plan.api_key ? "sent (redacted)" : "none"},
                {"fields", std::move(fields)},
                {"request_bytes", plan.request_bytes}};
}

json upload_status_json(const upload::FileStatus& status) {
    ShownAnswer shown = shown_answer(status);
    json out = json::object();
    out["id"] = optional_json(shown.id);
    out["url"] = optional_json(shown.url);
    out["thumbnail_url"] = optional_json(shown.thumbnail_url);
    out["image_type"] = optional_json(shown.image_type);
    // Where the batch placed the book, the server's rule for the confirmed order; else its answer.
    out["is_primary"] = status.is_primary ? json(*status.is_primary) : optional_json(shown.is_primary);
    out["thumbnail_status"] = optional_json(shown.thumbnail_status);
    out["thumbnail_error"] = optional_json(shown.thumbnail_error);
    out["duplicate"] = optional_json(shown.duplicate);
    out["message"] = shown.message ? json(safe_message(*shown.message)) : json(nullptr);
    out["display_order"] = optional_json(status.display_order);
    out["placed"] = optional_json(status.placed);
    add_file_name(out, "file", status.file);
    out["upload_status"] = upload::upload_state_name(status.state);
    out["http_status"] = status.http_status > 0 ? json(status.http_status) : json(nullptr);
    out["attempts"] = status.attempts;
    out["elapsed_ms"] = status.elapsed_ms;
    out["bytes"] = status.bytes;
    out["request_bytes"] = status.request_bytes > 0 ? json(status.request_bytes) : json(nullptr);
    if (status.fitted) {
        const upload::FittedCopy& fitted = *status.fitted;
        out["fitted"] = json{{"from_bytes", fitted.from_bytes}, {"to_bytes", fitted.to_bytes}, {"width", fitted.width},
                             {"height", fitted.height}, {"quality", fitted.quality}};
    } else {
        out["fitted"] = nullptr;
    }
    out["sha256"] = nullable(status.sha256);
    out["format"] = nullable(status.format);
    out["error"] = error_json(status.error);
    const upload::LocalThumbnail& thumb = status.local_thumbnail;
    out["local_thumbnail"] = json{{"status", thumb.status},
                                  {"error", error_json(thumb.error)},
                                  {"width", thumb.width > 0 ? json(thumb.width) : json(nullptr)},
                                  {"height", thumb.height > 0 ? json(thumb.height) : json(nullptr)},
                                  {"path", nullable(thumb.path)}};
    if (!thumb.path.empty()) add_file_name(out["local_thumbnail"], "path", thumb.path);
    out["copy_of"] = nullable(status.copy_of);
    json warnings = json::array();
    for (const std::string& warning : status.warnings) warnings.push_back(safe_message(warning));
    out["warnings"] = std::move(warnings);
    if (status.would_send) out["would_send"] = would_send_json(*status.would_send);
    return out;
}

std::string compact_status(const upload::FileStatus& status) {
    return upload_status_json(status).dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string status_line(const upload::FileStatus& status) { return compact_status(status) + "\n"; }

std::string status_array(const std::vector<std::string>& compact_statuses) {
    return fmt::format("[{}]\n", fmt::join(compact_statuses, ","));
}

json statuses_json(const std::vector<upload::FileStatus>& statuses) {
    json all = json::array();
    for (const auto& status : statuses) all.push_back(upload_status_json(status));
    return all;
}

std::string upload_summary_line(const std::vector<upload::FileStatus>& statuses) {
    using upload::UploadState;
    constexpr std::array order{UploadState::would_upload, UploadState::uploaded, UploadState::duplicate,
                               UploadState::failed, UploadState::cancelled};
    std::vector<std::string> parts;
    for (UploadState state : order) {
        std::size_t count = 0;
        for (const auto& status : statuses) count += status.state == state ? 1 : 0;
        if (count == 0) continue;
        std::string name = state == UploadState::would_upload ? "would upload" : upload::upload_state_name(state);
        parts.push_back(fmt::format("{} {}", count, name));
    }
    if (parts.empty()) return "no files";
    return fmt::format("{}", fmt::join(parts, ", "));
}

}  // namespace bmx::status
