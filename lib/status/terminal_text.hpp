// Text measured and cut in terminal columns, for the lines bmx-api draws on a terminal.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace bmx::status {

// Whether a terminal line may carry ANSI colour codes.
enum class Colouring { plain, ansi };

// The marks bmx-api adds to a line: Unicode, or ASCII for TERM=dumb ("..." for "…").
enum class Glyphs { unicode, ascii };

// How lines are drawn for one terminal: its width in columns, colour, and marks.
struct TerminalStyle {
    int width = 80;
    Colouring colouring = Colouring::plain;
    Glyphs glyphs = Glyphs::unicode;
};

// Columns the UTF-8 text takes: one per code point, two for East Asian wide ones, none for
// combining marks. Bytes that are not UTF-8 count one each. Expects text without controls.
int display_width(std::string_view text);

// Which part of a text that is too long survives the cut.
enum class KeepPart { start, end };

// The text cut to at most `columns` columns, with "…" where it was cut ("..." with
// Glyphs::ascii; nothing when columns <= 0, and no mark when it alone would not fit).
// KeepPart::end keeps a path's last part, the file's own name: "…/photos/01-cover.jpg".
std::string cut_to_width(std::string_view text, int columns, KeepPart keep = KeepPart::start,
                         Glyphs glyphs = Glyphs::unicode);

// The text as lines of at most `columns` columns, broken at spaces (runs of spaces become one,
// leading ones are kept); a word wider than a line is broken where it must be. Every line after
// the first starts with `indent` spaces. Expects text without controls.
std::vector<std::string> wrap_to_width(std::string_view text, int columns, int indent);

// Text from a file name or a server, made fit for one table cell: controls (line feeds and tabs
// and carriage returns too) written as visible escapes, as escape_control_characters does.
std::string one_line(std::string_view text);

}  // namespace bmx::status
