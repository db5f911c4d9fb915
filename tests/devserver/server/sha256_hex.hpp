// SHA-256 of a byte string as lower-case hex, the form the API and the request log use.
#pragma once

#include <string>
#include <string_view>

namespace bmx::devserver {

std::string sha256_hex(std::string_view bytes);

}  // namespace bmx::devserver
