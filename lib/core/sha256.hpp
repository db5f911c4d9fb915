// SHA-256 of a byte string, as lowercase hex (the server dedupes images by this).
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace bmx {

// Fails (stage "setup") only when OpenSSL cannot compute the digest (out of memory, say).
Result<std::string> sha256_hex(std::string_view bytes);

}  // namespace bmx
