// The one place that decides what an upload attempt's result means: done, retry, or failed, and why.
#pragma once

#include <chrono>
#include <optional>
#include <random>
#include <string>

#include "core/result.hpp"
#include "http/http_types.hpp"
#include "http/retry_policy.hpp"
#include "upload/file_status.hpp"
#include "upload/upload_limit.hpp"

namespace bmx::upload {

enum class Verdict { done, retry, failed };

struct AttemptOutcome {
    Verdict verdict = Verdict::failed;
    std::chrono::milliseconds retry_delay{0};
    std::string retry_reason;  // "HTTP 503", "the connection broke mid-transfer: ..."
};

struct OutcomeContext {
    const http::RetryPolicy& retry;
    std::string key_hint;     // which key source was tried, for the 401 reason
    std::string api_origin;   // the key goes only there: a 401 from elsewhere is not about the key
    UploadLimit limit;        // the request-size limit in force, for the 413 reason
};

// A final HTTP error with the hints a person needs: which key was tried (401; or that it was
// not sent, when another origin answered after a redirect), how large the request and the file
// were (413: final, never retried, with the way out). A 404 is worded by http_error from what
// the server said.
Error final_http_error(const http::HttpResponse& response, const FileStatus& sent, const OutcomeContext& context);

// Decides what comes next for a file after an attempt, and records the result in its status.
AttemptOutcome decide_attempt(FileStatus& status, Result<http::HttpResponse> result, const OutcomeContext& context,
                              std::mt19937& random);

}  // namespace bmx::upload
