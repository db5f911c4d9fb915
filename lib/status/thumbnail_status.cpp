// Builds the thumbnail status JSON.
#include "status/thumbnail_status.hpp"

#include "core/text.hpp"
#include "status/file_name_json.hpp"

namespace bmx::status {
namespace {

nlohmann::json size_or_null(int value, bool known) { return known ? nlohmann::json(value) : nlohmann::json(nullptr); }

}  // namespace

nlohmann::json thumbnail_status(const image::ThumbnailReport& report) {
    const bool generated = report.generated();
    nlohmann::json status = {
        {"file", report.file.string()},
        {"status", generated ? "generated" : "failed"},
        // Lowercase, as upload's status spells it ("jpeg", "png"): one spelling across commands.
        {"format", report.format.empty() ? nlohmann::json(nullptr) : nlohmann::json(to_lower(report.format))},
        {"source_width", size_or_null(report.source_width, generated)},
        {"source_height", size_or_null(report.source_height, generated)},
        {"width", size_or_null(report.width, generated)},
        {"height", size_or_null(report.height, generated)},
        {"path", generated ? nlohmann::json(report.path.string()) : nlohmann::json(nullptr)},
        {"warnings", report.warnings},
        {"error", nullptr},
    };
    add_file_name(status, "file", report.file.string());
    if (generated) add_file_name(status, "path", report.path.string());
    if (report.error) status["error"] = {{"stage", stage_name(report.error->stage)}, {"message", report.error->message}};
    return status;
}

nlohmann::json thumbnail_statuses(std::span<const image::ThumbnailReport> reports) {
    auto array = nlohmann::json::array();
    for (const auto& report : reports) array.push_back(thumbnail_status(report));
    return array;
}

}  // namespace bmx::status
