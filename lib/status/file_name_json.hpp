// A file name in a status: as text, and as its exact bytes when the text cannot hold them.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

namespace bmx::status {

// Sets out[field] to the name (JSON text: bytes that are not UTF-8 become U+FFFD when it is
// written), and, only when the name is not valid UTF-8, out[field + "_bytes_base64"] to its exact
// bytes, so a script can still find the file on disk.
void add_file_name(nlohmann::json& out, const char* field, std::string_view name);

}  // namespace bmx::status
