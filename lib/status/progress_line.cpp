// Lays out the progress line: fields in a fixed order of importance, the bar taking what is left.
#include "status/progress_line.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "status/terminal_text.hpp"

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

// Shown while files are still going and the whole plan is known, once the rate is known.
std::optional<std::string> eta_text(const Progress& progress, const RateReading& rate) {
    bool all_done = progress.files_done + progress.files_cancelled >= progress.files_total;
    if (progress.phase != ProgressPhase::running || !progress.plan_complete || all_done || !rate.eta_seconds)
        return std::nullopt;
    return "ETA " + clock_text(*rate.eta_seconds);
}

// What stopped the batch, when an answer did: the status when there is one.
std::string stop_cause_text(const Error& cause) {
    if (cause.http_status > 0) return fmt::format("stopped by HTTP {} from the server", cause.http_status);
    return "stopped: " + cut_to_width(one_line(cause.message), 40);
}

// "03-spine.jpg 41%", the name cut (keeping its end) to fit `columns` with the figure.
std::optional<std::string> file_text(const upload::FileInFlight& file, int columns) {
    std::string figure;
    if (file.request_bytes > 0)
        figure = fmt::format(" {}%", std::min(100LL, std::max(0LL, file.bytes_confirmed) * 100 / file.request_bytes));
    int name_columns = std::min(32, columns - static_cast<int>(figure.size()));
    if (name_columns < 8) return std::nullopt;
    return cut_to_width(one_line(file.name), name_columns, KeepPart::end) + figure;
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
    for (const std::string& field : fields) width += display_width(field);
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
    int used = display_width(lead);
    bool bar = false;
    for (std::size_t i = 0; i <= optional.size(); ++i) {
        if (i == bar_slot) {
            if (used + bar_columns > budget) break;
            bar = true;
            used += bar_columns;
        }
        if (i == optional.size()) break;
        int needed = display_width(optional[i]) + 2;
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

std::string render_progress_line(const Progress& progress, const RateReading& rate, int width) {
    int budget = width - 1;
    if (budget <= 0) return "";
    std::string count = fmt::format("{}{}/{}", phase_word(progress.phase), progress.files_done, progress.files_total);
    if (static_cast<int>(count.size()) > budget) return count.substr(0, static_cast<std::size_t>(budget));
    // The optional fields, most important first; those at the end go first when space is short.
    std::vector<std::string> optional;
    optional.push_back(fmt::format("{:.1f} MiB sent", mebibytes(progress.bytes_confirmed)));
    bool ending = progress.phase == ProgressPhase::stopping || progress.phase == ProgressPhase::cancelled;
    if (ending && progress.stopped_by) optional.push_back(stop_cause_text(*progress.stopped_by));
    if (progress.phase == ProgressPhase::stopping && progress.interrupted) optional.push_back("Ctrl-C again to abort now");
    std::size_t bar_slot = optional.size();  // the bar's place in that order
    if (auto eta = eta_text(progress, rate)) optional.push_back(*eta);
    if (rate.bytes_per_second) optional.push_back(fmt::format("{:.1f} MiB/s", *rate.bytes_per_second / (1024.0 * 1024.0)));

    // "12/20 files", or "12/20" when the word would cost a field.
    auto lay_out = [&](const std::vector<std::string>& fields) {
        LaidOut worded = lay_out_line(progress, count + " files", fields, bar_slot, budget);
        LaidOut bare = lay_out_line(progress, count, fields, bar_slot, budget);
        bool word_fits = static_cast<int>(count.size()) + 6 <= budget;
        return word_fits && worded.kept >= bare.kept ? worded : bare;
    };
    LaidOut line = lay_out(optional);
    bool all_kept = line.kept == optional.size() + 1;  // every field and the bar
    if (width < file_in_flight_columns || !progress.sending || progress.phase != ProgressPhase::running || !all_kept)
        return line.text;
    // The upload in flight takes what the other fields leave, the bar at its smallest.
    constexpr int bar_columns = min_bar_inside + 3;
    int others = display_width(std::string_view(line.text).substr(line.text.find(']') + 2)) + bar_columns;
    auto file = file_text(*progress.sending, budget - others - 2);
    if (!file) return line.text;
    optional.push_back(*file);
    return lay_out(optional).text;
}

}  // namespace bmx::status
