// The multipart request for one file: the checked original from memory, the local thumbnail beside it.
#pragma once

#include <string>
#include <vector>

#include "core/result.hpp"
#include "env/api_context.hpp"
#include "http/http_types.hpp"
#include "upload/prepared_file.hpp"
#include "upload/upload_options.hpp"

namespace bmx::upload {

// The request every file shares: URL with image_type and caption in its query, key, headers.
Result<http::HttpRequest> upload_request_template(const UploadOptions& options, const env::ApiContext& context);

// The form for this file: `file` (the very bytes the worker read and hashed, or its fitted copy)
// and `thumbnail` (the local JPEG).
std::vector<http::FormPart> upload_form(const PreparedFile& prepared);

enum class PrimaryFlag { leave, make_primary };

// The template plus upload_form(prepared); with make_primary, is_primary=true in the query.
http::HttpRequest upload_request_for(const http::HttpRequest& request_template, const PreparedFile& prepared,
                                     PrimaryFlag primary);

// What --dry-run reports instead of sending: method, URL (no userinfo) and the form fields, never the key.
WouldSend would_send(const http::HttpRequest& request, const PreparedFile& prepared);

}  // namespace bmx::upload
