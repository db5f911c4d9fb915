// The upload progress bar's one line, as text that fits a terminal of a given width.
#pragma once

#include <string>

#include "status/transfer_rate.hpp"
#include "upload/pipeline.hpp"

namespace bmx::status {

// "[=====     ] 12/20 files  12.3 MiB sent  ETA 0:12  1.2 MiB/s", at most width-1 columns (a
// line as wide as the terminal wraps on some), the rate and ETA from `rate` (TransferRate).
// Fields are dropped to fit, least useful first: rate, ETA, the bar, the Ctrl-C hint, the
// answer that stopped the batch, the bytes; the count always stays, and loses its word "files"
// when that lets one more field in. From 100 columns on, the upload in flight (the largest, when
// several are) is named last, with how far along it is: "03-spine.jpg 41%".
// A cancelled batch says "cancelled" and its bar is full only if every file was done. A batch
// stopped by an answer names it ("stopped by HTTP 401 from the server"); only after a Ctrl-C does
// the line offer the second one.
std::string render_progress_line(const upload::Progress& progress, const RateReading& rate, int width);

// Columns from which the line names the upload in flight.
inline constexpr int file_in_flight_columns = 100;

}  // namespace bmx::status
