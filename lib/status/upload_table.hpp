// The upload statuses as a compact table for a person at a terminal (pipes get the JSON).
#pragma once

#include <string>
#include <vector>

#include "status/terminal_text.hpp"
#include "upload/file_status.hpp"

namespace bmx::status {

// A header, a line per file (status, file, image id, size, thumbnail, reason), a summary line
// (counts per status, bytes uploaded, time), then each failed or cancelled file's whole reason
// (render_reason_lines). No line is wider than width-1 columns: the file and reason columns are
// cut to fit, and at narrow widths the thumbnail, size and id columns are left out, in that
// order. names[i] is the name statuses[i] is shown by (its file when names is empty), e.g. the
// path inside the directory argument. Text from files and servers is shown escaped, and the API
// key never appears (safe_message).
std::string render_upload_table(const std::vector<upload::FileStatus>& statuses, const std::vector<std::string>& names,
                                const TerminalStyle& style);
// The same, each file shown by its path, with Unicode marks.
std::string render_upload_table(const std::vector<upload::FileStatus>& statuses, int width, Colouring colouring);

// "20 files: 19 uploaded, 1 failed; 45.2 MiB uploaded in 12.3 s".
std::string upload_table_summary(const std::vector<upload::FileStatus>& statuses);

}  // namespace bmx::status
