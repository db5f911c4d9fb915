// Redacts credential header values from a block of header lines.
#include "http/redact.hpp"

#include <array>

#include "core/text.hpp"

namespace bmx::http {
namespace {

// The headers whose values are secrets, as they are printed once redacted.
constexpr std::array<std::string_view, 4> credential_headers{"X-API-Key", "Authorization", "Proxy-Authorization",
                                                             "Cookie"};

// Words that make any other header a credential when its name holds one, in any case:
// X-Auth-Token, X-Session-Id, X-Client-Secret, Set-Cookie, X-Upstream-Key. A header that only
// looks like one (X-Cookie-Hint) is redacted too: a hidden harmless value costs less than a
// printed secret.
constexpr std::array<std::string_view, 6> credential_words{"token", "secret", "auth", "session", "key", "cookie"};

// The name to print for a credential header line ("X-API-Key", or a Proxy-* or credential-word
// name as it was given), or empty for any other line.
std::string_view credential_name(std::string_view line) {
    auto colon = line.find(':');
    if (colon == std::string_view::npos) return {};
    std::string_view name = trim(line.substr(0, colon));
    for (std::string_view credential : credential_headers)
        if (iequals(name, credential)) return credential;
    if (starts_with_ci(name, "proxy-")) return name;
    for (std::string_view word : credential_words)
        if (contains_ci(name, word)) return name;
    return {};
}

}  // namespace

bool is_credential_header(std::string_view line) { return !credential_name(line).empty(); }

std::string redact_credential_headers(std::string_view header_block) {
    std::string out;
    out.reserve(header_block.size());
    while (!header_block.empty()) {
        auto end = header_block.find('\n');
        auto line = header_block.substr(0, end == std::string_view::npos ? header_block.size() : end + 1);
        header_block.remove_prefix(line.size());
        std::string_view name = credential_name(line);
        if (name.empty()) {
            out += line;
            continue;
        }
        out += name;
        out += ": <redacted>";
        out += line.ends_with("\r\n") ? "\r\n" : (line.ends_with('\n') ? "\n" : "");
    }
    return out;
}

}  // namespace bmx::http
