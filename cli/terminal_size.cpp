// Reads the terminal's size and notes SIGWINCH in a flag that the next draw reads.
#include "terminal_size.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <charconv>
#include <cstdlib>
#include <cstring>
#include <string_view>

namespace bmx::cli {
namespace {

constexpr int fallback_columns = 80;

volatile std::sig_atomic_t resize_seen = 0;

extern "C" void note_resize(int) { resize_seen = 1; }

int columns_from_environment() {
    const char* columns = std::getenv("COLUMNS");
    if (columns == nullptr) return 0;
    std::string_view text(columns);
    int value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value <= 0 || value > 10000) return 0;
    return value;
}

}  // namespace

int terminal_columns(int fd) {
    winsize size{};
    if (::ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
    if (int columns = columns_from_environment(); columns > 0) return columns;
    return fallback_columns;
}

bool terminal_is_dumb() {
    const char* term = std::getenv("TERM");
    return term != nullptr && std::strcmp(term, "dumb") == 0;
}

ResizeWatch::ResizeWatch() {
    struct sigaction action {};
    action.sa_handler = note_resize;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;  // a resize must not fail a read or a poll with EINTR
    installed_ = ::sigaction(SIGWINCH, &action, &previous_) == 0;
    resize_seen = 0;
}

ResizeWatch::~ResizeWatch() {
    if (installed_) ::sigaction(SIGWINCH, &previous_, nullptr);
}

bool ResizeWatch::resized() {
    if (resize_seen == 0) return false;
    resize_seen = 0;
    return true;
}

}  // namespace bmx::cli
