// The multipart request for one file: the original streamed from disk, the local thumbnail beside it.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "env/api_context.hpp"
#include "http/http_types.hpp"
#include "upload/prepared_file.hpp"
#include "upload/upload_options.hpp"

namespace bmx::upload {

// The request every file shares: URL with image_type, is_primary and caption in its query, key, headers.
Result<http::HttpRequest> upload_request_template(const UploadOptions& options, const env::ApiContext& context);

// The template plus this file's form: `file` (streamed from disk) and `thumbnail` (the local JPEG).
http::HttpRequest upload_request_for(const http::HttpRequest& request_template, const PreparedFile& prepared);

// What --dry-run prints instead of sending: method, URL and the form fields, never the key.
nlohmann::json describe_request(const http::HttpRequest& request, const PreparedFile& prepared);

}  // namespace bmx::upload
