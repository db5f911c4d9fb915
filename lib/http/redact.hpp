// Redaction: the one place that turns a raw header block into something safe to print.
#pragma once

#include <string>
#include <string_view>

namespace bmx::http {

// Replaces the value of every header line that carries a credential (X-API-Key, Authorization,
// Proxy-Authorization, Cookie), in any case, with <redacted>; other lines pass through.
std::string redact_credential_headers(std::string_view header_block);

}  // namespace bmx::http
