// Builds the multipart upload request for a prepared file.
#include "upload/upload_request.hpp"

#include <fmt/format.h>

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

nlohmann::json describe_request(const http::HttpRequest& request, const PreparedFile& prepared) {
    return nlohmann::json{
        {"method", http::method_name(request.method)},
        {"url", request.url},
        {"api_key", request.api_key ? "sent (redacted)" : "none"},
        {"fields",
         {{{"name", "file"},
           {"filename", prepared.upload_filename.empty() ? prepared.file.filename().string() : prepared.upload_filename},
           {"content_type", prepared.content_type},
           {"bytes", prepared.bytes}},
          {{"name", "thumbnail"}, {"filename", prepared.file.stem().string() + ".thumb.jpg"}, {"content_type", "image/jpeg"},
           {"bytes", prepared.thumbnail_jpeg.size()}}}},
        {"request_bytes", prepared.request_bytes},
    };
}

}  // namespace bmx::upload
