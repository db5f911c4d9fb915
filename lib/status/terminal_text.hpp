// Text measured and cut in terminal columns, for the lines bmx-api draws on a terminal.
#pragma once

#include <string>
#include <string_view>

namespace bmx::status {

// Whether a terminal line may carry ANSI colour codes.
enum class Colouring { plain, ansi };

// Columns the UTF-8 text takes: one per code point, two for East Asian wide ones, none for
// combining marks. Bytes that are not UTF-8 count one each. Expects text without controls.
int display_width(std::string_view text);

// Which part of a text that is too long survives the cut.
enum class KeepPart { start, end };

// The text cut to at most `columns` columns, with "…" where it was cut (nothing when columns
// <= 0). KeepPart::end keeps a path's last part, the file's own name: "…/photos/01-cover.jpg".
std::string cut_to_width(std::string_view text, int columns, KeepPart keep = KeepPart::start);

// Text from a file name or a server, made fit for one table cell: controls (line feeds and tabs
// and carriage returns too) written as visible escapes, as escape_control_characters does.
std::string one_line(std::string_view text);

}  // namespace bmx::status
