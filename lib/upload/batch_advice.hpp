// Advice that holds for several files of a batch: said once, with the count, not in each error.
#pragma once

#include <string>
#include <vector>

#include "upload/file_status.hpp"
#include "upload/upload_options.hpp"

namespace bmx::upload {

// Notes for BatchReport::notes: the way out for the files not sent because their requests are
// over the limit (without --fit), and for the files a server refused as too large (413).
std::vector<std::string> batch_advice(const std::vector<FileStatus>& statuses, const UploadOptions& options);

}  // namespace bmx::upload
