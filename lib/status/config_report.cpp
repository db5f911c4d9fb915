// Builds the `bmx-api config` report.
#include "status/config_report.hpp"

#include "core/message_safety.hpp"
#include "http/ca_store.hpp"

namespace bmx::status {

namespace {

// The CAs https requests trust: the bundle given, or libcurl's default file and directory.
void add_ca_bundle(const env::CaBundle& given, nlohmann::json& report) {
    auto text_or_null = [](const std::string& text) { return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text); };
    report["ca_bundle_source"] = given.source;
    if (!given.path.empty()) {
        report["ca_bundle"] = given.path;
        report["ca_path"] = nullptr;  // a bundle given is the only store
        return;
    }
    const http::DefaultCaStore store = http::default_ca_store();
    report["ca_bundle"] = text_or_null(store.bundle);
    report["ca_path"] = text_or_null(store.directory);
}

}  // namespace

nlohmann::json config_report(const env::ApiContext& context, const upload::UploadLimit& upload_limit,
                             const std::optional<std::filesystem::path>& upload_record_dir) {
    const env::KeyLookup& key = context.key;
    nlohmann::json report{
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
    add_ca_bundle(context.environment.ca_bundle, report);
    return report;
}

}  // namespace bmx::status
