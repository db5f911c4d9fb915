// Error: what went wrong, where, and in words a person can act on.
#pragma once

#include <string>
#include <string_view>

namespace bmx {

// stage names the step that failed; it is what scripts match on, so it stays stable.
// Usage stages: "usage", "json", "jq". Local input: "read", "format", "decode", "limits",
// "encode", "write", "config", "key". Server: "http". Network: "transport", "dns",
// "connect", "tls", "timeout". Interrupted: "cancelled". A libcurl that is too old or refuses
// an option: "setup".
struct Error {
    std::string stage;
    std::string message;
    long http_status = 0;
};

enum class ErrorClass { usage, local_input, http, transport, cancelled };

ErrorClass classify(std::string_view stage);

}  // namespace bmx
