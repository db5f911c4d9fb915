#include "status/file_name_json.hpp"

#include <string>

#include "core/base64.hpp"
#include "core/utf8.hpp"

namespace bmx::status {

void add_file_name(nlohmann::json& out, const char* field, std::string_view name) {
    out[field] = std::string(name);
    if (!is_valid_utf8(name)) out[std::string(field) + "_bytes_base64"] = base64_encode(name);
}

}  // namespace bmx::status
