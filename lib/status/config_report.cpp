// Builds the `bmx-api config` report.
#include "status/config_report.hpp"

#include "core/message_safety.hpp"

namespace bmx::status {

nlohmann::json config_report(const env::ApiContext& context, const upload::UploadLimit& upload_limit,
                             const std::optional<std::filesystem::path>& upload_record_dir) {
    const env::KeyLookup& key = context.key;
    return nlohmann::json{
        {"environment", context.environment.name},
        {"base_url", hide_url_userinfo(context.environment.base_url)},
        {"base_url_source", context.environment.base_url_source},
        {"config_dir", context.environment.config_dir.string()},
        {"key_found", key.key.has_value()},
        {"key_source", key.key ? nlohmann::json(key.source) : nlohmann::json(nullptr)},
        {"key_looked_in", key.tried},
        {"max_upload_bytes", upload_limit.bytes == 0 ? nlohmann::json(nullptr) : nlohmann::json(upload_limit.bytes)},
        {"max_upload_bytes_source", upload_limit.source},
        {"upload_record_dir", upload_record_dir ? nlohmann::json(upload_record_dir->string()) : nlohmann::json(nullptr)},
        {"warnings", key.warnings},
    };
}

}  // namespace bmx::status
