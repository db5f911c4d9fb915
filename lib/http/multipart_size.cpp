// Counts a multipart body the way libcurl's mime code frames it.
#include "http/multipart_size.hpp"

#include <string_view>
#include <system_error>

#include <curl/curl.h>

namespace bmx::http {
namespace {

// libcurl's boundary: 24 dashes and 16 random characters up to 7.x (lib/mime.c's
// MIME_BOUNDARY_DASHES and MIME_RAND_BOUNDARY_CHARS; Debian 12 ships 7.88.1, which the tests check
// against the dev server). Later versions are counted with 22, the most they use, so the count
// is never under what is sent.
std::size_t boundary_length() {
    static const std::size_t length = curl_version_info(CURLVERSION_NOW)->version_num < 0x080000 ? 24 + 16 : 24 + 22;
    return length;
}

// A form field name or file name inside its quotes, as libcurl escapes it.
std::size_t quoted_length(std::string_view text) {
    std::size_t length = 0;
    for (char c : text) length += (c == '"' || c == '\r' || c == '\n') ? 3 : 1;
    return length;
}

std::size_t data_bytes(const FormPart& part) {
    if (!part.file.empty()) {
        std::error_code error;
        auto size = std::filesystem::file_size(part.file, error);
        return error ? 0 : static_cast<std::size_t>(size);
    }
    if (part.shared_data) return part.shared_data->size();
    return part.data.size();
}

}  // namespace

std::size_t multipart_part_overhead(const FormPart& part) {
    constexpr std::string_view crlf = "\r\n";
    std::size_t bytes = 2 + boundary_length() + crlf.size();  // --boundary CRLF
    bytes += std::string_view("Content-Disposition: form-data; name=\"\"").size() + quoted_length(part.name);
    if (!part.filename.empty()) bytes += std::string_view("; filename=\"\"").size() + quoted_length(part.filename);
    bytes += crlf.size();
    if (!part.content_type.empty()) bytes += std::string_view("Content-Type: ").size() + part.content_type.size() + crlf.size();
    bytes += crlf.size();  // the blank line before the data
    bytes += crlf.size();  // after the data
    return bytes;
}

std::size_t multipart_body_bytes(const std::vector<FormPart>& parts) {
    std::size_t bytes = 2 + boundary_length() + 2 + 2;  // --boundary-- CRLF
    for (const FormPart& part : parts) bytes += multipart_part_overhead(part) + data_bytes(part);
    return bytes;
}

}  // namespace bmx::http
