// Printing for people and scripts: stdout byte-exact in pipes, pretty and coloured on a terminal.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace bmx::cli {

bool stdout_is_terminal();
bool stderr_is_terminal();

// --color: auto (the default) colours a terminal's output unless NO_COLOR is set
// (https://no-color.org) or TERM is dumb; always and never decide alone. Colour only ever
// tints what is printed for a terminal (pretty JSON, the upload table): pipes stay byte-exact.
enum class ColourChoice { auto_detect, always, never };
void set_colour_choice(ColourChoice choice);
// Whether what goes to stdout in its terminal form may carry colour, per --color.
bool use_colour_on_stdout();

// A response body: as received when stdout is not a terminal; pretty JSON on a terminal, its
// members in the order the server sent them. A JSON answer whose document would pass the
// document budget (core/json_budget.hpp) is not built or shown on a terminal: nothing is printed
// and the error (stage answer, exit 6) says how to get its bytes.
std::optional<Error> print_body(std::string_view body);

// A JSON document made by bmx-api itself (status, report): compact in pipes, pretty on a terminal.
void print_json(const nlohmann::json& document);

// Text made for a person at a terminal (the upload table), written as it is.
void print_text(std::string_view text);

// One NDJSON line, flushed at once.
void print_json_line(const nlohmann::json& document);
// A JSON line lib/status already framed ("...\n"), written as print_json_line writes one.
void print_framed_json_line(std::string_view line);

// After a command: when a write to stdout or stderr failed (ENOSPC, EPIPE, EBADF), says so on
// whichever stream still works and returns the message; the caller exits with exit_output.
std::optional<std::string> output_failure();

// Writes to stderr that never throw and never abort: the first failure is kept for
// output_failure (exit 74), and later writes are dropped. Every stderr write in cli/ goes here.
void write_stderr(std::string_view bytes);

// At start: a standard descriptor that is closed (`2>&-`) gets /dev/null, so no file or socket
// opened later takes its number, and counts as a failed stream (exit 74 if anything was meant for it).
void guard_standard_streams();

// "bmx-api: error: <message>" on stderr.
// Any text bmx-api writes to stderr: the API key and URL userinfo taken out, and on a terminal
// control characters escaped. print_error, print_warning and print_note apply it.
std::string stderr_text(std::string_view text);
// Under GitHub Actions (--ci-format github) a line that starts with "::" is a workflow command:
// from then on stderr_text indents every line after a message's first ("\n  ") and writes a CR
// as "\r", so no text from a server or a file can start a command of its own.
void keep_messages_off_command_lines();

void print_error(const Error& error);
void print_warning(std::string_view message);
void print_note(std::string_view message);

}  // namespace bmx::cli
