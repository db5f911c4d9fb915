// Draws the upload progress bar on stderr, redrawn in place on each loop tick.
#include "progress_bar.hpp"

#include "output.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <optional>

#include <fmt/format.h>

#include "status/progress_line.hpp"

namespace bmx::cli {

ProgressBar::ProgressBar(Shown shown) {
    if (shown != Shown::on_terminal) return;
    resize_watch_ = std::make_unique<ResizeWatch>();
    columns_ = terminal_columns(STDERR_FILENO);
}

void ProgressBar::draw(const upload::Progress& progress) {
    if (!resize_watch_ || progress.files_total == 0) return;
    if (resize_watch_->resized()) {
        columns_ = terminal_columns(STDERR_FILENO);
        last_line_.clear();  // the old line may have wrapped: draw again whatever it says
    }
    std::optional<long long> remaining;
    if (progress.plan_complete) remaining = std::max(0LL, progress.bytes_planned - progress.bytes_confirmed);
    status::RateReading rate =
        rate_.read(status::TransferRate::Seconds(progress.elapsed_seconds), progress.bytes_confirmed, remaining);
    std::string line = status::render_progress_line(progress, rate, columns_);
    bool ended_cancelled = progress.phase == upload::ProgressPhase::cancelled;
    if (shown_ && line == last_line_ && !ended_cancelled) return;
    write_stderr(fmt::format("\r\033[K{}{}", line, ended_cancelled ? "\n" : ""));
    std::fflush(stderr);
    last_line_ = line;
    shown_ = !ended_cancelled;
}

void ProgressBar::clear() {
    if (!shown_) return;
    write_stderr(fmt::format("\r\033[K"));
    std::fflush(stderr);
    shown_ = false;
    last_line_.clear();
}

}  // namespace bmx::cli
