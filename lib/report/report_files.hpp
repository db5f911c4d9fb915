// Writing a report where CI reads it: the JUnit file whole or not at all, the job summary
// appended to.
#pragma once

#include <filesystem>
#include <string_view>

#include "core/result.hpp"

namespace bmx::report {

// Writes `bytes` to a temporary file beside `path` and renames it into place, so a reader sees
// the old file or the whole new one, never part (also when bmx-api is interrupted). The file
// gets 0666 less the umask, as a shell redirect would. Stage write, naming the path.
Status write_file_atomically(const std::filesystem::path& path, std::string_view bytes);

// Appends `bytes` to `path` (GITHUB_STEP_SUMMARY), creating it. Stage write, naming the path.
Status append_to_file(const std::filesystem::path& path, std::string_view bytes);

}  // namespace bmx::report
