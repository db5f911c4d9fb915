// The terminal bmx-api draws on: its width, whether it is "dumb", and when it is resized.
#pragma once

#include <csignal>

namespace bmx::cli {

// Columns of the terminal on fd: TIOCGWINSZ, else $COLUMNS, else 80.
int terminal_columns(int fd);

// TERM=dumb: a terminal that shows text but cannot take colour or a line redrawn in place.
bool terminal_is_dumb();

// Catches SIGWINCH while it lives (a handler that only sets a flag) and restores the previous
// disposition after. One at a time.
class ResizeWatch {
public:
    ResizeWatch();
    ~ResizeWatch();
    ResizeWatch(const ResizeWatch&) = delete;
    ResizeWatch& operator=(const ResizeWatch&) = delete;

    // True once after each resize (the flag is cleared as it is read).
    bool resized();

private:
    struct sigaction previous_ {};
    bool installed_ = false;
};

}  // namespace bmx::cli
