// Writing files whole: every byte or an error, and a file replaced so that a reader sees the old
// one or the whole new one, never part of it (also when bmx-api is interrupted or the disk fills).
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string_view>

#include "core/result.hpp"

namespace bmx {

// Writes all of `bytes` to fd, taking up EINTR and short writes (at most 1000 attempts); false
// with errno set when a write fails or makes no progress.
bool write_all(int fd, std::string_view bytes);

// Writes `bytes` to a hidden temporary file beside `target` (".NAME.part-XXXXXX", made by
// mkstemp, so two writers never share one), syncs it, gives it `mode` and renames it onto
// `target`. On failure the temporary file is removed and `target` is as it was. Stage write,
// naming the path and the reason.
Status replace_file(const std::filesystem::path& target, std::string_view bytes, mode_t mode);

}  // namespace bmx
