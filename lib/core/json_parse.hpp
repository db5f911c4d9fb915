// JSON from elsewhere (a server's answer), parsed within a nesting budget: nlohmann's parser does
// not recurse, but serialising, copying and walking a document do, one stack frame a level, so a
// document nested 85,000 levels deep would end the process on a signal. It is refused first.
#pragma once

#include <cstddef>
#include <string_view>

#include <nlohmann/json.hpp>

namespace bmx {

// Deeper than any answer the API gives (its deepest, a validation error's `detail`, is 4 levels)
// by far, and shallow enough that every recursive walk of a document stays a few hundred KiB of
// stack. --jq's input is parsed by libjq, which has a limit of its own ("Exceeds depth limit
// for parsing").
inline constexpr std::size_t max_json_depth = 1000;

// Whether the text's arrays and objects nest deeper than `limit`, counted outside strings. It
// reads the text once and stops at the first level over the limit.
bool json_nests_deeper_than(std::string_view text, std::size_t limit);

// True when some object in the text has more than `members` members (counted by commas outside
// strings, in one linear pass). ordered_json finds each member by a linear search, so an object
// that wide would take quadratic time to parse in order.
bool json_object_wider_than(std::string_view text, std::size_t members);

// nlohmann::json::parse without exceptions: a discarded value when the text is not JSON or nests
// deeper than max_json_depth (check json_nests_deeper_than to tell which).
nlohmann::json parse_json_within_depth(std::string_view text);
// The same, keeping each object's members in the order the text gives them (for showing a
// server's answer to a person as the server wrote it).
nlohmann::ordered_json parse_ordered_json_within_depth(std::string_view text);

}  // namespace bmx
