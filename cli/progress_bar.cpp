// Draws the upload progress bar on stderr, redrawn in place on each loop tick.
#include "progress_bar.hpp"

#include <cstdio>

#include <fmt/format.h>

namespace bmx::cli {

void ProgressBar::draw(const upload::Progress& progress) {
    if (!enabled_ || progress.files_total == 0) return;
    constexpr int width = 24;
    int filled = static_cast<int>(width * progress.files_done / progress.files_total);
    double megabytes = progress.bytes_sent / (1024.0 * 1024.0);
    double rate = progress.elapsed_seconds > 0 ? megabytes / progress.elapsed_seconds : 0;
    fmt::print(stderr, "\r\033[K[{:=<{}}{: <{}}] {}/{} files  {:.1f} MiB sent  {:.1f} MiB/s{}", "", filled, "",
               width - filled, progress.files_done, progress.files_total, megabytes, rate,
               progress.cancelling ? "  stopping (Ctrl-C again to abort now)" : "");
    std::fflush(stderr);
    shown_ = true;
}

void ProgressBar::clear() {
    if (!shown_) return;
    fmt::print(stderr, "\r\033[K");
    std::fflush(stderr);
    shown_ = false;
}

}  // namespace bmx::cli
