// Well-formed UTF-8: what JSON text may hold as it is. Names from the file system need not be.
#pragma once

#include <cstddef>
#include <string_view>

namespace bmx {

// The length of the well-formed multi-byte UTF-8 sequence at the start of `text` (2 to 4), or 0
// (also for ASCII, which callers take byte by byte).
std::size_t utf8_sequence_length(std::string_view text);

// Whether every byte of `text` is ASCII or part of a well-formed UTF-8 sequence (no overlong
// forms, no surrogates, nothing past U+10FFFF).
bool is_valid_utf8(std::string_view text);

}  // namespace bmx
