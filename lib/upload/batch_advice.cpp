// Counts the files one piece of advice is for, so that each piece is said once for the batch.
#include "upload/batch_advice.hpp"

#include <algorithm>

namespace bmx::upload {
namespace {

// Failed before sending because the request would be over the limit: request_bytes is only
// counted once the file has been read, decoded and thumbnailed, and checked last.
bool over_limit(const FileStatus& status, const UploadOptions& options) {
    return status.state == UploadState::failed && status.error && status.error->stage == Stage::limits &&
           status.attempts == 0 && options.limit.bytes > 0 && status.request_bytes > 0 &&
           static_cast<std::size_t>(status.request_bytes) > options.limit.bytes;
}

bool refused_as_too_large(const FileStatus& status) {
    return status.state == UploadState::failed && status.error && status.error->stage == Stage::http &&
           status.error->http_status == 413;
}

}  // namespace

std::vector<std::string> batch_advice(const std::vector<FileStatus>& statuses, const UploadOptions& options) {
    std::vector<std::string> notes;
    if (!options.fit) {
        auto over = std::count_if(statuses.begin(), statuses.end(), [&](const FileStatus& s) { return over_limit(s, options); });
        if (over > 0) notes.push_back(over_limit_advice(static_cast<std::size_t>(over), options.limit));
    }
    std::size_t refused = 0;
    long long smallest = 0;
    for (const FileStatus& status : statuses) {
        if (!refused_as_too_large(status)) continue;
        ++refused;
        smallest = smallest == 0 ? status.request_bytes : std::min(smallest, status.request_bytes);
    }
    if (refused > 0)
        notes.push_back(too_large_answer_advice(refused, static_cast<std::size_t>(std::max(0LL, smallest)), options.limit));
    return notes;
}

}  // namespace bmx::upload
