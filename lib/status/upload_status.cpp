// Builds the upload status JSON and the one-line summary.
#include "status/upload_status.hpp"

#include <array>

#include <fmt/format.h>

#include "core/message_safety.hpp"

namespace bmx::status {
namespace {

using nlohmann::json;

constexpr std::array server_fields{"id", "url", "thumbnail_url", "image_type", "is_primary",
                                   "thumbnail_status", "thumbnail_error", "duplicate", "message"};

json server_field(const json& server, const char* name) {
    if (!server.is_object()) return nullptr;
    auto found = server.find(name);
    return found == server.end() ? json(nullptr) : *found;
}

json nullable(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }

}  // namespace

json error_json(const std::optional<Error>& error) {
    if (!error) return nullptr;
    json out{{"stage", stage_name(error->stage)}, {"message", safe_message(error->message)}};
    out["http_status"] = error->http_status > 0 ? json(error->http_status) : json(nullptr);
    return out;
}

json upload_status_json(const upload::FileStatus& status) {
    json out = json::object();
    for (const char* name : server_fields) out[name] = server_field(status.server, name);
    // What the server holds after the batch, read back from the book's image list.
    if (status.is_primary) out["is_primary"] = *status.is_primary;
    out["display_order"] = status.display_order ? json(*status.display_order) : json(nullptr);
    out["file"] = status.file;
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
    out["copy_of"] = nullable(status.copy_of);
    json warnings = json::array();
    for (const std::string& warning : status.warnings) warnings.push_back(safe_message(warning));
    out["warnings"] = std::move(warnings);
    if (!status.would_send.is_null()) out["would_send"] = status.would_send;
    return out;
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
