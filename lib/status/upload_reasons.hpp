// Under the upload table: each failed or cancelled file's whole reason, which the table's cell cuts.
#pragma once

#include <string>
#include <vector>

#include "status/terminal_text.hpp"
#include "upload/file_status.hpp"

namespace bmx::status {

// A line per failed or cancelled file, in input order, as pipe mode words them on stderr:
// "  failed: 01-cover.jpg [format] not an image (...)". Files with the same state and reason
// share one line, where the first of them would be: "  cancelled (14 files): [cancelled] ...".
// Each line is wrapped at spaces to style.width-1 columns, continued four spaces in. names[i]
// names statuses[i] (its file when names is empty). Text is escaped and the key redacted.
std::string render_reason_lines(const std::vector<upload::FileStatus>& statuses, const std::vector<std::string>& names,
                                const TerminalStyle& style);

}  // namespace bmx::status
