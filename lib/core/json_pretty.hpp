// Pretty-printing a JSON document for a person: two-space indent, and ANSI colours if asked.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace bmx {

// Indented two spaces a level, with a final newline; keys, strings, numbers and literals coloured
// when `colour`. Control characters in the text are escaped (JSON escapes C0; the C1 ones are
// written as \u009b and the like), so a document can be shown on a terminal safely. Recurses
// once a level: give it documents parsed within max_json_depth (core/json_parse.hpp).
std::string pretty_json(const nlohmann::json& document, bool colour);
// The same, members in the order the document holds them: a server's answer as it sent it.
std::string pretty_json(const nlohmann::ordered_json& document, bool colour);

}  // namespace bmx
