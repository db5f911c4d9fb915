// The request-size limit for uploads: how large a multipart request may be before it is sent,
// where that figure came from, and the errors that name it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "core/result.hpp"
#include "env/environment.hpp"
#include "env/process_env.hpp"

namespace bmx::upload {

// The hosted API runs on AWS Lambda behind API Gateway (an HTTP API). A synchronous Lambda
// invocation carries at most 6,291,456 bytes, and API Gateway base64-encodes a binary body into
// that event (4 bytes for every 3). Allowing 64 KiB of the event for everything that is not the
// body (headers, the request context, JSON quoting), the largest multipart body that gets through is
// (6,291,456 - 65,536) / 4 * 3 = 4,669,440 bytes.
inline constexpr std::size_t lambda_invocation_bytes = 6'291'456;
inline constexpr std::size_t lambda_event_allowance_bytes = 65'536;
inline constexpr std::size_t hosted_max_upload_bytes = (lambda_invocation_bytes - lambda_event_allowance_bytes) / 4 * 3;
static_assert(hosted_max_upload_bytes == 4'669'440);

// The largest value --max-upload-bytes and BMX_MAX_UPLOAD_BYTES take (1 GiB); 0 means no limit.
inline constexpr std::size_t max_upload_limit_setting = std::size_t{1} << 30;

struct UploadLimit {
    std::size_t bytes = 0;  // 0: no limit
    std::string source;     // "--max-upload-bytes", "BMX_MAX_UPLOAD_BYTES", "the hosted API's limit", "none"
};

// --max-upload-bytes when given, else BMX_MAX_UPLOAD_BYTES, else hosted_max_upload_bytes for the
// built-in staging and production base URLs and no limit for any other. Stage usage when the
// variable is not a whole number from 0 to max_upload_limit_setting.
Result<UploadLimit> resolve_upload_limit(std::optional<std::size_t> flag, const env::ProcessEnv& process_env,
                                         const env::Environment& environment);

// A file whose request would be over the limit, found before sending (stage limits): both
// sizes and the limit, no advice (over_limit_advice says it once for the batch).
Error over_upload_limit(std::size_t request_bytes, std::size_t file_bytes, const UploadLimit& limit);

// The way out for `files` files over the limit (--fit, --max-upload-bytes), for a batch note.
std::string over_limit_advice(std::size_t files, const UploadLimit& limit);

// Added to a 413's message: the sizes sent and the limit bmx-api had, no advice.
std::string too_large_answer_hint(std::size_t request_bytes, std::size_t file_bytes, const UploadLimit& limit);

// The way out for `files` files a server refused with 413 (a lower --max-upload-bytes and
// --fit), for a batch note: below the smallest request it refused.
std::string too_large_answer_advice(std::size_t files, std::size_t smallest_request_bytes, const UploadLimit& limit);

}  // namespace bmx::upload
