// Redaction: the one place that turns a raw header block into something safe to print.
#pragma once

#include <string>
#include <string_view>

namespace bmx::http {

// Whether a "Name: value" header line carries a credential: X-API-Key, Authorization, Cookie, any
// Proxy-* header, or any header whose name holds token, secret, auth, session, key or cookie, in
// any case. Such lines are redacted in -v and never sent to another origin than the API's.
bool is_credential_header(std::string_view line);

// Replaces the value of every credential header line with <redacted>; other lines pass through.
std::string redact_credential_headers(std::string_view header_block);

}  // namespace bmx::http
