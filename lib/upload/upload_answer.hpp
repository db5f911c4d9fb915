// What an upload's answer means: an image stored (only when the answer keeps the contract of an
// ImageUploadResponse), an answer about the whole batch, or a final HTTP error worded for a person.
#pragma once

#include <string>

#include "core/result.hpp"
#include "http/http_types.hpp"
#include "upload/file_status.hpp"
#include "upload/upload_limit.hpp"

namespace bmx::upload {

// A 2xx answer read against the contract: a JSON object with an integer id > 0 and every other
// field of its type or null. Anything else is stage answer, naming what was wrong; a field of
// the wrong type is never kept, so nothing the server sent unchecked reaches a status.
Result<UploadAnswer> read_upload_answer(const http::HttpResponse& response);

// The key (401, 403) or the book (404: "Book not found", or FastAPI's bare "Not Found" for a
// route that is not there) is wrong for every file, not just this one.
bool is_batch_answer(const http::HttpResponse& response);

struct OutcomeContext {
    std::string key_hint;     // which key source was tried, for the 401 reason
    std::string api_origin;   // the key goes only there: a 401 from elsewhere is not about the key
    UploadLimit limit;        // the request-size limit in force, for the 413 reason
};

// A final HTTP error with the hints a person needs: which key was tried (401; or that it was
// not sent, when another origin answered after a redirect), how large the request and the file
// were (413, with the way out). A 404 is worded by http_error from what the server said.
Error final_http_error(const http::HttpResponse& response, const FileStatus& sent, const OutcomeContext& context);

}  // namespace bmx::upload
