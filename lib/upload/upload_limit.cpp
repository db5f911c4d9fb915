// Resolves the upload request-size limit and words the errors about it.
#include "upload/upload_limit.hpp"

#include <charconv>

#include <fmt/format.h>

namespace bmx::upload {
namespace {

std::string sized(std::size_t bytes) {
    if (bytes >= 1024 * 1024) return fmt::format("{} bytes ({:.2f} MiB)", bytes, bytes / (1024.0 * 1024.0));
    return fmt::format("{} bytes", bytes);
}

std::string files_were(std::size_t files) {
    return fmt::format("{} file{} {}", files, files == 1 ? "" : "s", files == 1 ? "was" : "were");
}

}  // namespace

Result<UploadLimit> resolve_upload_limit(std::optional<std::size_t> flag, const env::ProcessEnv& process_env,
                                         const env::Environment& environment) {
    if (flag) return UploadLimit{*flag, "--max-upload-bytes"};
    if (auto text = process_env.get("BMX_MAX_UPLOAD_BYTES")) {
        std::size_t value = 0;
        auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
        if (error != std::errc{} || end != text->data() + text->size() || value > max_upload_limit_setting)
            return make_error(Stage::usage, fmt::format("BMX_MAX_UPLOAD_BYTES must be a whole number of bytes from 0 (no "
                                                        "limit) to {}, got '{}'",
                                                        max_upload_limit_setting, *text));
        return UploadLimit{value, "BMX_MAX_UPLOAD_BYTES"};
    }
    if (environment.base_url == env::staging_base_url || environment.base_url == env::prod_base_url)
        return UploadLimit{hosted_max_upload_bytes, "the hosted API's limit"};
    return UploadLimit{0, "none"};
}

Error over_upload_limit(std::size_t request_bytes, std::size_t file_bytes, const UploadLimit& limit) {
    return Error{Stage::limits, fmt::format("not sent: its upload request would be {} (the file is {}), over the {} limit ({})",
                                            sized(request_bytes), sized(file_bytes), sized(limit.bytes), limit.source)};
}

std::string over_limit_advice(std::size_t files, const UploadLimit& limit) {
    return fmt::format("{} not sent: {} over the {} limit ({}); --fit re-encodes the upload copy of each file over it as "
                       "a JPEG that fits (the file on disk is untouched), and --max-upload-bytes sets the limit if this "
                       "server takes more",
                       files_were(files), files == 1 ? "its upload request is" : "their upload requests are",
                       sized(limit.bytes), limit.source);
}

std::string too_large_answer_hint(std::size_t request_bytes, std::size_t file_bytes, const UploadLimit& limit) {
    std::string limit_text = limit.bytes == 0 ? std::string("bmx-api had no limit set for this base URL")
                                              : fmt::format("bmx-api's limit was {} ({})", sized(limit.bytes), limit.source);
    return fmt::format("the server refused the request as too large: it was {} (the file is {}); {}",
                       sized(request_bytes), sized(file_bytes), limit_text);
}

std::string too_large_answer_advice(std::size_t files, std::size_t smallest_request_bytes, const UploadLimit& limit) {
    return fmt::format("{} refused as too large (HTTP 413): this server takes less than {}; set --max-upload-bytes below "
                       "{} and add --fit, which re-encodes the upload copy of each file over it as a JPEG that fits (the "
                       "file on disk is untouched)",
                       files_were(files), limit.bytes == 0 ? "was sent" : "bmx-api's limit", smallest_request_bytes);
}

}  // namespace bmx::upload
