// The known word closest to a mistyped one, for "did you mean 'upload'?".
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bmx {

// Optimal string alignment distance (insertions, deletions, substitutions and swaps of two
// neighbours), ignoring ASCII case. Words longer than max_word_length are not compared: the
// answer is then max_word_length + 1, so the work stays bounded whatever the input.
inline constexpr std::size_t max_word_length = 64;
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate nearest to word, when it is at most a third of the word's length away (at
// least 1, at most 2 edits); the first in candidates' order on a tie; none for an exact match.
std::optional<std::string> closest_word(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace bmx
