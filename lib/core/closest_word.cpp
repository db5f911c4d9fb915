// Edit distance over short words, and the nearest candidate within a small bound.
#include "core/closest_word.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace bmx {

std::size_t edit_distance(std::string_view a, std::string_view b) {
    if (a.size() > max_word_length || b.size() > max_word_length) return max_word_length + 1;
    const std::string x = to_lower(a), y = to_lower(b);
    // rows[i][j]: distance between the first i characters of x and the first j of y.
    std::vector<std::vector<std::size_t>> rows(x.size() + 1, std::vector<std::size_t>(y.size() + 1, 0));
    for (std::size_t i = 0; i <= x.size(); ++i) rows[i][0] = i;
    for (std::size_t j = 0; j <= y.size(); ++j) rows[0][j] = j;
    for (std::size_t i = 1; i <= x.size(); ++i) {
        for (std::size_t j = 1; j <= y.size(); ++j) {
            const std::size_t cost = x[i - 1] == y[j - 1] ? 0 : 1;
            rows[i][j] = std::min({rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1])
                rows[i][j] = std::min(rows[i][j], rows[i - 2][j - 2] + 1);
        }
    }
    return rows[x.size()][y.size()];
}

std::optional<std::string> closest_word(std::string_view word, const std::vector<std::string>& candidates) {
    const std::size_t allowed = std::clamp<std::size_t>(word.size() / 3, 1, 2);
    std::optional<std::string> best;
    std::size_t best_distance = allowed + 1;
    for (const std::string& candidate : candidates) {
        const std::size_t distance = edit_distance(word, candidate);
        // Equal but for case ("Upload"): that is the word meant. Identical: nothing to suggest.
        if (distance == 0) return word == candidate ? std::nullopt : std::optional<std::string>(candidate);
        if (distance < best_distance) {
            best_distance = distance;
            best = candidate;
        }
    }
    return best;
}

}  // namespace bmx
