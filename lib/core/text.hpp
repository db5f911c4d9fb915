// Small string helpers shared by the library.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace bmx {

std::string_view trim(std::string_view text);
std::string_view strip_utf8_bom(std::string_view text);
std::string to_lower(std::string_view text);
bool iequals(std::string_view a, std::string_view b);
bool starts_with_ci(std::string_view text, std::string_view prefix);
bool contains_ci(std::string_view text, std::string_view word);
std::vector<std::string> split_and_trim(std::string_view text, char separator);

}  // namespace bmx
