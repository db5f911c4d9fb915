// The API key: where it comes from, and a type that never prints it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/message_safety.hpp"
#include "core/result.hpp"
#include "env/environment.hpp"

namespace bmx::env {

// Holds the key. It has no stream operator or implicit conversion; the only way to the bytes
// is reveal(), which the request builder alone calls when it writes the X-API-Key header.
class ApiKey {
public:
    // Remembered as a secret, so that bmx-api's own messages never repeat it (safe_message).
    explicit ApiKey(std::string value) : value_(std::move(value)) { remember_secret(value_); }
    const std::string& reveal() const { return value_; }

private:
    std::string value_;
};

struct KeyLookup {
    std::optional<ApiKey> key;
    std::string source;             // "BMX_API_KEY" or the key file's path: where the key came from
    std::string tried;              // what was looked at, for a 401 or `config` when no key was found
    std::vector<std::string> warnings;  // e.g. a key file readable by group or others
};

// BMX_API_KEY if set, else <config dir>/<env>.key. A missing key file is not an error (public
// endpoints work without a key); an unreadable one is (stage "key"), and so is a key with a
// control character in it (a line break would inject a header).
Result<KeyLookup> find_api_key(const Environment& environment, const ProcessEnv& process_env);

// Trims whitespace, line ends (LF or CRLF) and a UTF-8 byte-order mark from a key file's text.
std::string clean_key_text(const std::string& text);

}  // namespace bmx::env
