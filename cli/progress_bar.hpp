// A one-line progress bar on stderr for uploads: files done, bytes the server confirmed, the rate
// and ETA over a moving window of them, and the upload in flight. Terminal only.
#pragma once

#include <memory>
#include <string>

#include "status/transfer_rate.hpp"
#include "terminal_size.hpp"
#include "upload/pipeline.hpp"

namespace bmx::cli {

class ProgressBar {
public:
    enum class Shown { on_terminal, never };

    explicit ProgressBar(Shown shown);
    // Redraws the line in place, cut to stderr's width (read again after a SIGWINCH). A batch
    // that ended cancelled leaves its last line standing, so the screen never shows it complete.
    void draw(const upload::Progress& progress);
    // Erases the bar so a line can be printed; the next draw puts it back.
    void clear();

private:
    std::unique_ptr<ResizeWatch> resize_watch_;  // set when the bar is shown
    int columns_ = 0;
    bool shown_ = false;
    std::string last_line_;
    status::TransferRate rate_;  // fed on each draw, on the batch's clock (Progress::elapsed_seconds)
};

}  // namespace bmx::cli
