// Lays out the progress line: fields in a fixed order of importance, the bar taking what is left.
#include "status/progress_line.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>
#include <vector>

#include <fmt/format.h>

namespace bmx::status {
namespace {

using upload::Progress;
using upload::ProgressPhase;

constexpr int min_bar_inside = 6;
constexpr int max_bar_inside = 40;
constexpr const char* separator = "  ";

double mebibytes(long long bytes) { return static_cast<double>(bytes) / (1024.0 * 1024.0); }

std::string phase_word(ProgressPhase phase) {
    switch (phase) {
        case ProgressPhase::running: return "";
        case ProgressPhase::stopping: return "stopping ";
        case ProgressPhase::cancelled: return "cancelled ";
        case ProgressPhase::finished: return "";
    }
    return "";
}

std::string clock_text(double seconds) {
    auto whole = static_cast<long long>(std::ceil(std::max(0.0, seconds)));
    if (whole >= 3600) return fmt::format("{}:{:02}:{:02}", whole / 3600, whole / 60 % 60, whole % 60);
    return fmt::format("{}:{:02}", whole / 60, whole % 60);
}

double rate_of(const Progress& progress) {
    return progress.elapsed_seconds > 0 ? static_cast<double>(progress.bytes_sent) / progress.elapsed_seconds : 0;
}

// Shown while files are still going and the whole plan is known, after a second of sending.
std::optional<std::string> eta_text(const Progress& progress) {
    double rate = rate_of(progress);
    bool all_done = progress.files_done + progress.files_cancelled >= progress.files_total;
    if (progress.phase != ProgressPhase::running || !progress.plan_complete || all_done || rate <= 0 ||
        progress.elapsed_seconds < 1)
        return std::nullopt;
    long long left = std::max(0LL, progress.bytes_planned - progress.bytes_sent);
    return "ETA " + clock_text(static_cast<double>(left) / rate);
}

std::string bar_text(const Progress& progress, int inside) {
    // Rounded down: the bar is full only when every file is done.
    auto filled = progress.files_total == 0
                      ? 0
                      : static_cast<int>(static_cast<unsigned long long>(inside) * progress.files_done / progress.files_total);
    std::string bar;
    bar.reserve(static_cast<std::size_t>(inside) + 2);
    bar.push_back('[');
    bar.append(static_cast<std::size_t>(filled), '=');
    bar.append(static_cast<std::size_t>(inside - filled), ' ');
    bar.push_back(']');
    return bar;
}

int text_width(const std::vector<std::string>& fields) {
    int width = 0;
    for (const std::string& field : fields) width += static_cast<int>(field.size());
    return width + static_cast<int>(fields.size() - 1) * 2;
}

std::string joined(const std::vector<std::string>& fields) { return fmt::format("{}", fmt::join(fields, separator)); }

struct LaidOut {
    std::string text;
    std::size_t kept = 0;  // optional fields kept, the bar counted as one
};

// The lead, then the optional fields in order while they fit, the bar claiming its smallest size
// at its place (bar_slot) and then whatever is left. The first field that does not fit ends it:
// nothing less important comes in after a drop.
LaidOut lay_out_line(const Progress& progress, const std::string& lead, const std::vector<std::string>& optional,
                     std::size_t bar_slot, int budget) {
    constexpr int bar_columns = min_bar_inside + 3;  // brackets and the space after
    std::vector<std::string> fields{lead};
    int used = static_cast<int>(lead.size());
    bool bar = false;
    for (std::size_t i = 0; i <= optional.size(); ++i) {
        if (i == bar_slot) {
            if (used + bar_columns > budget) break;
            bar = true;
            used += bar_columns;
        }
        if (i == optional.size()) break;
        int needed = static_cast<int>(optional[i].size()) + 2;
        if (used + needed > budget) break;
        fields.push_back(optional[i]);
        used += needed;
    }
    LaidOut out{joined(fields), fields.size() - 1 + (bar ? 1 : 0)};
    if (!bar) return out;
    int inside = std::min(max_bar_inside, budget - text_width(fields) - 3);
    std::string line = bar_text(progress, inside);
    line.push_back(' ');
    line.append(out.text);
    out.text = std::move(line);
    return out;
}

}  // namespace

std::string render_progress_line(const Progress& progress, int width) {
    int budget = width - 1;
    if (budget <= 0) return "";
    std::string count = fmt::format("{}{}/{}", phase_word(progress.phase), progress.files_done, progress.files_total);
    if (static_cast<int>(count.size()) > budget) return count.substr(0, static_cast<std::size_t>(budget));
    // The optional fields, most important first; those at the end go first when space is short.
    std::vector<std::string> optional;
    optional.push_back(fmt::format("{:.1f} MiB sent", mebibytes(progress.bytes_sent)));
    if (progress.phase == ProgressPhase::stopping) optional.push_back("Ctrl-C again to abort now");
    std::size_t bar_slot = optional.size();  // the bar's place in that order
    if (auto eta = eta_text(progress)) optional.push_back(*eta);
    if (progress.elapsed_seconds > 0) optional.push_back(fmt::format("{:.1f} MiB/s", rate_of(progress) / (1024.0 * 1024.0)));

    // "12/20 files", or "12/20" when the word would cost a field.
    LaidOut worded = lay_out_line(progress, count + " files", optional, bar_slot, budget);
    LaidOut bare = lay_out_line(progress, count, optional, bar_slot, budget);
    bool word_fits = static_cast<int>(count.size()) + 6 <= budget;
    return word_fits && worded.kept >= bare.kept ? worded.text : bare.text;
}

}  // namespace bmx::status
