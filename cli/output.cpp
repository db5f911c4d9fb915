// Printing for people and scripts: stdout byte-exact in pipes, pretty and coloured on a terminal.
#include "output.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <cstdlib>
#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>

#include "core/json_budget.hpp"
#include "core/json_parse.hpp"
#include "core/json_pretty.hpp"
#include "core/message_safety.hpp"
#include "terminal_size.hpp"

namespace bmx::cli {
namespace {

using nlohmann::json;

// The widest object pretty-printed in the server's key order (see print_body).
constexpr std::size_t ordered_pretty_max_members = 1000;

// The first failed write to each stream, as errno; checked once at the end (output_failure).
int stdout_errno = 0;
int stderr_errno = 0;
// Standard error was closed when bmx-api started: a failure only once something is written to it,
// so a run with nothing to say there (a quiet GET with 2>&-) keeps its exit code.
bool stderr_was_closed = false;

ColourChoice colour_choice = ColourChoice::auto_detect;

void write_stdout(std::string_view bytes) {
    if (stdout_errno != 0) return;
    if (std::fwrite(bytes.data(), 1, bytes.size(), stdout) != bytes.size() || std::fflush(stdout) != 0)
        stdout_errno = errno != 0 ? errno : EIO;
}

}  // namespace

void write_stderr(std::string_view bytes) {
    if (stderr_errno != 0 || bytes.empty()) return;
    if (stderr_was_closed) {
        stderr_errno = EBADF;
        return;
    }
    errno = 0;
    if (std::fwrite(bytes.data(), 1, bytes.size(), stderr) != bytes.size() || std::fflush(stderr) != 0)
        stderr_errno = errno != 0 ? errno : EIO;
}

void guard_standard_streams() {
    for (int fd : {STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO}) {
        if (::fcntl(fd, F_GETFD) != -1 || errno != EBADF) continue;
        // A closed standard descriptor would be taken by the next file or socket opened, and
        // what was meant for the terminal would go there; /dev/null holds its place instead.
        int null_fd = ::open("/dev/null", fd == STDIN_FILENO ? O_RDONLY : O_WRONLY);
        if (null_fd >= 0 && null_fd != fd) {
            ::dup2(null_fd, fd);
            ::close(null_fd);
        }
        if (fd == STDOUT_FILENO) stdout_errno = EBADF;
        if (fd == STDERR_FILENO) stderr_was_closed = true;
    }
}

bool stdout_is_terminal() { return ::isatty(STDOUT_FILENO) == 1; }
bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

void set_colour_choice(ColourChoice choice) { colour_choice = choice; }

bool use_colour_on_stdout() {
    switch (colour_choice) {
        case ColourChoice::always: return true;
        case ColourChoice::never: return false;
        case ColourChoice::auto_detect: break;
    }
    const char* no_colour = std::getenv("NO_COLOR");
    if (no_colour != nullptr && no_colour[0] != '\0') return false;
    if (terminal_is_dumb()) return false;
    return stdout_is_terminal();
}

namespace {

// Whether the text begins as a JSON array or object would, after white space: the only texts
// whose documents can grow past the budget (a scalar is one value, and other text is not parsed).
bool starts_as_container(std::string_view text) {
    auto first = text.find_first_not_of(" \t\r\n");
    return first != std::string_view::npos && (text[first] == '[' || text[first] == '{');
}

}  // namespace

std::optional<Error> print_body(std::string_view body) {
    if (!stdout_is_terminal()) {
        write_stdout(body);
        return std::nullopt;
    }
    if (starts_as_container(body))
        if (auto over = json_document_over_budget(body, "to pretty-print it on a terminal"))
            return Error{Stage::answer,
                         fmt::format("{}; it is not shown: redirect stdout to a file or a pipe to get its {} bytes as "
                                     "received",
                                     *over, body.size())};
    // ordered_json finds each member by a linear search while it parses, so an answer with an
    // object of over 1,000 members is shown with sorted keys instead: no answer stalls the terminal.
    std::string pretty;
    if (json_object_wider_than(body, ordered_pretty_max_members)) {
        json document = parse_json_within_depth(body);
        if (!document.is_discarded()) pretty = pretty_json(document, use_colour_on_stdout());
    } else {
        nlohmann::ordered_json document = parse_ordered_json_within_depth(body);
        if (!document.is_discarded()) pretty = pretty_json(document, use_colour_on_stdout());
    }
    if (pretty.empty()) {
        write_stdout(escape_control_characters(body));
        if (!body.empty() && body.back() != '\n') write_stdout("\n");
        return std::nullopt;
    }
    write_stdout(pretty);
    return std::nullopt;
}

void print_json(const json& document) {
    if (stdout_is_terminal()) {
        write_stdout(pretty_json(document, use_colour_on_stdout()));
        return;
    }
    write_stdout(document.dump(-1, ' ', false, json::error_handler_t::replace) + "\n");
}

void print_text(std::string_view text) { write_stdout(text); }

void print_json_line(const json& document) {
    print_framed_json_line(document.dump(-1, ' ', false, json::error_handler_t::replace) + "\n");
}

void print_framed_json_line(std::string_view line) {
    // JSON escapes C0 controls but not C1 (U+009B is CSI to some terminals); "\u009b" is still JSON.
    write_stdout(stdout_is_terminal() ? escape_control_characters(line) : std::string(line));
}

std::optional<std::string> output_failure() {
    errno = 0;
    if (stdout_errno == 0 && (std::fflush(stdout) != 0 || std::ferror(stdout) != 0)) stdout_errno = errno != 0 ? errno : EIO;
    errno = 0;
    if (stderr_errno == 0 && (std::fflush(stderr) != 0 || std::ferror(stderr) != 0)) stderr_errno = errno != 0 ? errno : EIO;
    if (stdout_errno == 0 && stderr_errno == 0) return std::nullopt;
    std::string message = "bmx-api: error: ";
    if (stdout_errno != 0) message += fmt::format("could not write to standard output: {}", std::strerror(stdout_errno));
    if (stdout_errno != 0 && stderr_errno != 0) message += "; ";
    if (stderr_errno != 0) message += fmt::format("could not write to standard error: {}", std::strerror(stderr_errno));
    // Said on stderr when it still works; never on stdout, which holds only the command's output
    // (a script reading it must not find an error message mixed in).
    message += "\n";
    if (stderr_errno == 0) {
        std::fputs(message.c_str(), stderr);
        std::fflush(stderr);
    }
    return message;
}

namespace {
bool messages_off_command_lines = false;

std::string off_command_lines(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (c == '\n') out += "\n  ";
        else if (c == '\r') out += "\\r";
        else out.push_back(c);
    }
    return out;
}
}  // namespace

void keep_messages_off_command_lines() { messages_off_command_lines = true; }

std::string stderr_text(std::string_view text) {
    std::string safe = safe_message(text);
    if (messages_off_command_lines) safe = off_command_lines(safe);
    return stderr_is_terminal() ? escape_control_characters(safe) : safe;
}

void print_error(const Error& error) {
    // The library's messages name no options; a timeout is the one a person changes most.
    if (error.stage == bmx::Stage::timeout) {
        write_stderr(fmt::format("bmx-api: error: {} (--timeout)\n", stderr_text(error.message)));
        return;
    }
    write_stderr(fmt::format("bmx-api: error: {}\n", stderr_text(error.message)));
}
void print_warning(std::string_view message) { write_stderr(fmt::format("bmx-api: warning: {}\n", stderr_text(message))); }
void print_note(std::string_view message) { write_stderr(fmt::format("bmx-api: {}\n", stderr_text(message))); }

}  // namespace bmx::cli
