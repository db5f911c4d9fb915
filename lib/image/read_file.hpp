// read_image_file: reads a whole regular file into memory, with reasons a person can act on.
#pragma once

#include <filesystem>
#include <memory>
#include <span>
#include <string>

#include "core/result.hpp"

namespace bmx::image {

struct FileBytes {
    std::unique_ptr<unsigned char[]> data;
    std::size_t size = 0;
    std::span<const unsigned char> bytes() const { return {data.get(), size}; }
};

// Stage "read": "no such file", "permission denied", "is a directory", "is a FIFO (named
// pipe), not a regular file". Opens with O_NONBLOCK and checks the type before reading,
// so a FIFO or device is refused instead of blocking the batch.
Result<FileBytes> read_image_file(const std::filesystem::path& path);

// The "read" message for an errno from open/read ("permission denied", ...): core's describe_errno.
std::string read_error_message(int error_number);

}  // namespace bmx::image
