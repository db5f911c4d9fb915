// Builds the multipart upload request for a prepared file.
#include "upload/upload_request.hpp"

#include <fmt/format.h>

#include "core/message_safety.hpp"
#include "http/url.hpp"
#include "request/build_request.hpp"

namespace bmx::upload {
namespace {

using http::url_escape;

std::string query_for(const UploadOptions& options) {
    std::vector<std::string> parameters;
    if (!options.image_type.empty()) parameters.push_back("image_type=" + url_escape(options.image_type));
    if (options.caption) parameters.push_back("caption=" + url_escape(*options.caption));
    return fmt::format("{}", fmt::join(parameters, "&"));
}

}  // namespace

Result<http::HttpRequest> upload_request_template(const UploadOptions& options, const env::ApiContext& context) {
    auto request = request::base_request(http::Method::post, options.target_path, context.environment, context.key,
                                         options.transport);
    if (!request) return request;
    request->capture_request_head = options.capture_request_head;
    std::string query = query_for(options);
    if (!query.empty()) request->url += (request->url.find('?') == std::string::npos ? "?" : "&") + query;
    return request;
}

std::vector<http::FormPart> upload_form(const PreparedFile& prepared) {
    http::FormPart original;
    original.name = "file";
    original.filename = prepared.upload_filename.empty() ? prepared.file.filename().string() : prepared.upload_filename;
    original.content_type = prepared.content_type;
    original.shared_data = prepared.original;
    http::FormPart thumbnail;
    thumbnail.name = "thumbnail";
    thumbnail.filename = prepared.file.stem().string() + ".thumb.jpg";
    thumbnail.content_type = "image/jpeg";
    thumbnail.data = prepared.thumbnail_jpeg;
    std::vector<http::FormPart> form;
    form.push_back(std::move(original));
    form.push_back(std::move(thumbnail));
    return form;
}

http::HttpRequest upload_request_for(const http::HttpRequest& request_template, const PreparedFile& prepared,
                                     PrimaryFlag primary) {
    http::HttpRequest request = request_template;
    if (primary == PrimaryFlag::make_primary)
        request.url += (request.url.find('?') == std::string::npos ? "?" : "&") + std::string("is_primary=true");
    request.form = upload_form(prepared);
    return request;
}

WouldSend would_send(const http::HttpRequest& request, const PreparedFile& prepared) {
    WouldSend plan;
    plan.method = http::method_name(request.method);
    plan.url = hide_url_userinfo(request.url);
    plan.api_key = request.api_key.has_value();
    for (const http::FormPart& part : upload_form(prepared)) {
        long long bytes = static_cast<long long>(part.shared_data ? part.shared_data->size() : part.data.size());
        if (part.name == "file") bytes = prepared.bytes;
        plan.fields.push_back(WouldSend::Field{part.name, part.filename, part.content_type, bytes});
    }
    plan.request_bytes = static_cast<long long>(prepared.request_bytes);
    return plan;
}

}  // namespace bmx::upload
