// The upload progress bar's one line, as text that fits a terminal of a given width.
#pragma once

#include <string>

#include "upload/pipeline.hpp"

namespace bmx::status {

// "[=====     ] 12/20 files  12.3 MiB sent  1.2 MiB/s  ETA 0:12", at most width-1 columns (a
// line as wide as the terminal wraps on some). Fields are dropped to fit, least useful first:
// rate, ETA, the bar, the Ctrl-C hint, the bytes; the count always stays, and loses its word
// "files" when that lets one more field in.
// A cancelled batch says "cancelled" and its bar is full only if every file was done.
std::string render_progress_line(const upload::Progress& progress, int width);

}  // namespace bmx::status
