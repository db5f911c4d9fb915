// Lays out the upload table: fixed columns sized by their content, file and reason sharing the rest.
#include "status/upload_table.hpp"

#include <algorithm>
#include <array>
#include <optional>

#include <fmt/format.h>

#include "core/message_safety.hpp"
#include "status/upload_reasons.hpp"
#include "status/upload_status.hpp"

namespace bmx::status {
namespace {

using upload::FileStatus;
using upload::UploadState;

// The columns, in the order they are printed.
enum Column : std::size_t { status_column, file_column, id_column, size_column, thumbnail_column, reason_column, column_count };

constexpr std::array<const char*, column_count> headings{"STATUS", "FILE", "ID", "SIZE", "THUMBNAIL", "REASON"};
// Left out first when the terminal is narrow, in this order.
constexpr std::array dropped_first{thumbnail_column, size_column, id_column, reason_column};
constexpr int min_file_columns = 8;
constexpr int min_reason_columns = 12;

using Row = std::array<std::string, column_count>;

std::string size_text(long long bytes) {
    if (bytes <= 0) return "-";
    if (bytes < 1024) return fmt::format("{} B", bytes);
    if (bytes < 1024 * 1024) return fmt::format("{:.1f} KiB", static_cast<double>(bytes) / 1024.0);
    return fmt::format("{:.1f} MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
}

std::string thumbnail_text(const FileStatus& status) {
    if (shown_answer(status).thumbnail_status == "failed") return "server failed";
    const upload::LocalThumbnail& local = status.local_thumbnail;
    // The file failed with its thumbnail: the reason says why, the status column that it failed.
    if (local.status == "failed" && status.error) return "-";
    if (local.status == "generated" && local.width > 0) return fmt::format("generated {}x{}", local.width, local.height);
    return local.status;
}

std::string reason_text(const FileStatus& status) {
    if (status.error) return fmt::format("[{}] {}", stage_name(status.error->stage), status.error->message);
    ShownAnswer shown = shown_answer(status);
    std::string reason = shown.message.value_or("");
    if (shown.thumbnail_status == "failed") {
        std::string thumbnail_error = shown.thumbnail_error.value_or("no reason given");
        reason += (reason.empty() ? "" : "; ") + std::string("thumbnail: ") + thumbnail_error;
    }
    return reason;
}

// A copy's reason names the earlier file as the table names it ("01-cover.jpg", not its path).
std::string with_copy_named(std::string reason, const FileStatus& status, const std::string& copy_name) {
    if (status.answer_source != upload::AnswerSource::batch_copy || status.copy_of.empty() || status.error) return reason;
    if (auto at = reason.find(status.copy_of); at != std::string::npos) reason.replace(at, status.copy_of.size(), copy_name);
    return reason;
}

// The name the table shows for the file at `path`: names[i] of the status with that file.
std::string shown_name_of(const std::string& path, const std::vector<FileStatus>& statuses,
                          const std::vector<std::string>& names) {
    for (std::size_t i = 0; i < statuses.size() && i < names.size(); ++i)
        if (statuses[i].file == path) return names[i];
    return path;
}

Row row_of(const FileStatus& status, const std::string& name, const std::string& copy_name) {
    Row row;
    row[status_column] = upload::upload_state_name(status.state);
    row[file_column] = one_line(name);
    row[id_column] = status.image_id ? std::to_string(*status.image_id) : "-";
    row[size_column] = size_text(status.bytes);
    row[thumbnail_column] = thumbnail_text(status);
    row[reason_column] = one_line(safe_message(with_copy_named(reason_text(status), status, copy_name)));
    return row;
}

const char* state_colour(UploadState state) {
    switch (state) {
        case UploadState::uploaded: return "\033[32m";
        case UploadState::duplicate: return "\033[36m";
        case UploadState::failed: return "\033[31;1m";
        case UploadState::cancelled: return "\033[33m";
        case UploadState::would_upload: return "\033[34m";
        case UploadState::pending: return "";
    }
    return "";
}

std::string padded(const std::string& text, int columns) {
    int width = display_width(text);
    return text + std::string(static_cast<std::size_t>(std::max(0, columns - width)), ' ');
}

struct Layout {
    std::array<bool, column_count> shown{};
    std::array<int, column_count> widths{};
};

int line_width(const Layout& layout) {
    int width = 0, columns = 0;
    for (std::size_t c = 0; c < column_count; ++c) {
        if (!layout.shown[c]) continue;
        width += layout.widths[c];
        ++columns;
    }
    return width + std::max(0, columns - 1) * 2;
}

Layout lay_out(const std::vector<Row>& rows, int budget) {
    Layout layout;
    std::array<int, column_count> natural{};
    for (std::size_t c = 0; c < column_count; ++c) {
        natural[c] = display_width(headings[c]);
        for (const Row& row : rows) natural[c] = std::max(natural[c], display_width(row[c]));
    }
    bool any_reason = std::any_of(rows.begin(), rows.end(), [](const Row& row) { return !row[reason_column].empty(); });
    layout.shown.fill(true);
    layout.shown[reason_column] = any_reason;
    layout.widths = natural;
    // At their smallest, file and reason are cut to a few columns; drop columns until that fits.
    auto smallest = [&] {
        Layout trial = layout;
        trial.widths[file_column] = std::min(natural[file_column], min_file_columns);
        trial.widths[reason_column] = std::min(natural[reason_column], min_reason_columns);
        return line_width(trial);
    };
    for (Column column : dropped_first) {
        if (smallest() <= budget) break;
        layout.shown[column] = false;
    }
    // File and reason share what the other columns leave: each takes what it needs if that is
    // at most half, the other the rest; both cut to half when both need more.
    Layout fixed_only = layout;
    fixed_only.widths[file_column] = 0;
    fixed_only.widths[reason_column] = 0;
    int shared = budget - line_width(fixed_only);
    int file_needs = natural[file_column];
    int reason_needs = layout.shown[reason_column] ? natural[reason_column] : 0;
    if (file_needs + reason_needs <= shared) return layout;
    int file_width = !layout.shown[reason_column] ? shared
                     : file_needs <= shared / 2   ? file_needs
                     : reason_needs <= shared / 2 ? shared - reason_needs
                                                  : shared / 2;
    layout.widths[file_column] = std::max(std::min(file_needs, min_file_columns), file_width);
    layout.widths[reason_column] = std::max(1, shared - layout.widths[file_column]);
    return layout;
}

std::string render_line(const Row& row, const Layout& layout, const char* colour, const TerminalStyle& style, int budget) {
    std::string line;
    std::size_t last = 0;
    for (std::size_t c = 0; c < column_count; ++c)
        if (layout.shown[c]) last = c;
    for (std::size_t c = 0; c < column_count; ++c) {
        if (!layout.shown[c]) continue;
        std::string cell =
            cut_to_width(row[c], layout.widths[c], c == file_column ? KeepPart::end : KeepPart::start, style.glyphs);
        line += c == last ? cell : padded(cell, layout.widths[c]) + "  ";
    }
    // A terminal too narrow for even the smallest layout: the line is cut whole.
    if (display_width(line) > budget) line = cut_to_width(line, budget, KeepPart::start, style.glyphs);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    // The status cell comes first and is ASCII: its colour goes around those bytes.
    std::size_t status_bytes = std::min(row[status_column].size(), line.size());
    if (style.colouring == Colouring::ansi && colour[0] != '\0' && status_bytes > 0)
        line = std::string(colour) + line.substr(0, status_bytes) + "\033[0m" + line.substr(status_bytes);
    return line + "\n";
}

}  // namespace

std::string upload_table_summary(const std::vector<FileStatus>& statuses) {
    long long uploaded_bytes = 0;
    long long elapsed_ms = 0;
    for (const FileStatus& status : statuses) {
        if (status.state == UploadState::uploaded) uploaded_bytes += status.bytes;
        elapsed_ms = std::max(elapsed_ms, status.elapsed_ms);
    }
    return fmt::format("{} {}: {}; {} uploaded in {:.1f} s", statuses.size(), statuses.size() == 1 ? "file" : "files",
                       upload_summary_line(statuses), uploaded_bytes > 0 ? size_text(uploaded_bytes) : "0 B",
                       static_cast<double>(elapsed_ms) / 1000.0);
}

std::string render_upload_table(const std::vector<FileStatus>& statuses, const std::vector<std::string>& names,
                                const TerminalStyle& style) {
    int budget = std::max(1, style.width - 1);
    std::vector<Row> rows;
    rows.reserve(statuses.size());
    for (std::size_t i = 0; i < statuses.size(); ++i)
        rows.push_back(row_of(statuses[i], i < names.size() ? names[i] : statuses[i].file,
                              shown_name_of(statuses[i].copy_of, statuses, names)));
    Layout layout = lay_out(rows, budget);
    Row heading;
    for (std::size_t c = 0; c < column_count; ++c) heading[c] = headings[c];
    TerminalStyle plain = style;
    plain.colouring = Colouring::plain;
    std::string out = render_line(heading, layout, "", plain, budget);
    for (std::size_t i = 0; i < rows.size(); ++i) out += render_line(rows[i], layout, state_colour(statuses[i].state), style, budget);
    out += cut_to_width(upload_table_summary(statuses), budget, KeepPart::start, style.glyphs) + "\n";
    out += render_reason_lines(statuses, names, style);
    return out;
}

std::string render_upload_table(const std::vector<FileStatus>& statuses, int width, Colouring colouring) {
    return render_upload_table(statuses, {}, TerminalStyle{width, colouring, Glyphs::unicode});
}

}  // namespace bmx::status
