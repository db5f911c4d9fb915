// Redacts credential header values from a block of header lines.
#include "http/redact.hpp"

#include <array>

#include "core/text.hpp"

namespace bmx::http {
namespace {

// The headers whose values are secrets, as they are printed once redacted.
constexpr std::array<std::string_view, 4> credential_headers{"X-API-Key", "Authorization", "Proxy-Authorization",
                                                             "Cookie"};

}  // namespace

std::string redact_credential_headers(std::string_view header_block) {
    std::string out;
    out.reserve(header_block.size());
    while (!header_block.empty()) {
        auto end = header_block.find('\n');
        auto line = header_block.substr(0, end == std::string_view::npos ? header_block.size() : end + 1);
        header_block.remove_prefix(line.size());
        auto colon = line.find(':');
        bool redacted = false;
        if (colon != std::string_view::npos) {
            for (std::string_view name : credential_headers) {
                if (!iequals(trim(line.substr(0, colon)), name)) continue;
                out += name;
                out += ": <redacted>";
                out += line.ends_with("\r\n") ? "\r\n" : (line.ends_with('\n') ? "\n" : "");
                redacted = true;
                break;
            }
        }
        if (!redacted) out += line;
    }
    return out;
}

}  // namespace bmx::http
