// Redaction: the one place that turns a raw header block into something safe to print.
#pragma once

#include <string>
#include <string_view>

namespace bmx::http {

// Replaces the value of every X-API-Key header line with <redacted>; other lines pass through.
std::string redact_key_headers(std::string_view header_block);

}  // namespace bmx::http
