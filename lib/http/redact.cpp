// Redacts X-API-Key header values from a block of header lines.
#include "http/redact.hpp"

#include "core/text.hpp"

namespace bmx::http {

std::string redact_key_headers(std::string_view header_block) {
    std::string out;
    out.reserve(header_block.size());
    while (!header_block.empty()) {
        auto end = header_block.find('\n');
        auto line = header_block.substr(0, end == std::string_view::npos ? header_block.size() : end + 1);
        header_block.remove_prefix(line.size());
        if (starts_with_ci(trim(line), "x-api-key:")) {
            out += "X-API-Key: <redacted>";
            out += line.ends_with("\r\n") ? "\r\n" : (line.ends_with('\n') ? "\n" : "");
            continue;
        }
        out += line;
    }
    return out;
}

}  // namespace bmx::http
