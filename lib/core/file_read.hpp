// Reads whole files (or stdin) with errors a person can act on, never blocking on a FIFO.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

#include "core/result.hpp"

namespace bmx {

// Reads a regular file of at most max_bytes. Errors have stage "read" and say why:
// no such file, permission denied, is a directory, not a regular file, too large.
Result<std::string> read_small_file(const std::filesystem::path& path, std::size_t max_bytes);

// Reads all of standard input, up to max_bytes.
Result<std::string> read_stdin(std::size_t max_bytes);

// The reason an open() or stat() failed, phrased for a person ("permission denied").
std::string describe_errno(int error_number);

}  // namespace bmx
