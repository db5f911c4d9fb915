// The upload statuses as a compact table for a person at a terminal (pipes get the JSON).
#pragma once

#include <string>
#include <vector>

#include "status/terminal_text.hpp"
#include "upload/file_status.hpp"

namespace bmx::status {

// A header, a line per file (status, file, image id, size, thumbnail, reason), then a summary
// line (counts per status, bytes uploaded, time). No line is wider than width-1 columns: the
// file and reason columns are cut to fit, and at narrow widths the thumbnail, size and id
// columns are left out, in that order. Text from files and servers is shown escaped, and the
// API key never appears (safe_message).
std::string render_upload_table(const std::vector<upload::FileStatus>& statuses, int width, Colouring colouring);

// "20 files: 19 uploaded, 1 failed; 45.2 MiB uploaded in 12.3 s".
std::string upload_table_summary(const std::vector<upload::FileStatus>& statuses);

}  // namespace bmx::status
