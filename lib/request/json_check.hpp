// Validates a JSON body locally, so a typo is reported with its line and column and nothing is sent.
#pragma once

#include <string_view>

#include "core/result.hpp"

namespace bmx::request {

struct TextPosition {
    std::size_t line = 1;
    std::size_t column = 1;
};

// Line and column (1-based) of a byte offset.
TextPosition position_of(std::string_view text, std::size_t byte_offset);

// Ok, or an Error with stage "json": "invalid JSON body at line 3, column 7: ...".
Status check_json(std::string_view body);

}  // namespace bmx::request
