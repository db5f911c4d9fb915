// Writes download statuses as JSON and the summary people read on stderr.
#include "status/download_status.hpp"

#include <array>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "status/file_name_json.hpp"
#include "status/upload_status.hpp"

namespace bmx::status {

using nlohmann::json;

json download_status_json(const download::ImageDownload& image) {
    json out{{"id", image.id}};
    out["display_order"] = image.display_order ? json(*image.display_order) : json(nullptr);
    add_file_name(out, "file", image.file);
    const bool has_body = !image.sha256.empty();
    out["bytes"] = has_body ? json(image.bytes) : json(nullptr);
    out["sha256"] = has_body ? json(image.sha256) : json(nullptr);
    out["download_status"] = download::download_state_name(image.state);
    out["error"] = error_json(image.error);
    return out;
}

std::string download_status_line(const download::ImageDownload& image) {
    return download_status_json(image).dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
}

json download_statuses_json(const std::vector<download::ImageDownload>& images) {
    json all = json::array();
    for (const auto& image : images) all.push_back(download_status_json(image));
    return all;
}

std::string download_summary_line(const std::vector<download::ImageDownload>& images, const std::string& dir) {
    using download::DownloadState;
    constexpr std::array order{DownloadState::downloaded, DownloadState::skipped, DownloadState::failed,
                               DownloadState::cancelled};
    std::vector<std::string> parts;
    for (DownloadState state : order) {
        std::size_t count = 0;
        for (const auto& image : images) count += image.state == state ? 1 : 0;
        if (count > 0) parts.push_back(fmt::format("{} {}", count, download::download_state_name(state)));
    }
    if (parts.empty()) return fmt::format("the book has no images; nothing written to {}", dir);
    return fmt::format("{} ({} images, in {})", fmt::join(parts, ", "), images.size(), dir);
}

}  // namespace bmx::status
