// Reads source files with POSIX calls: the open must not block on a FIFO, and the file
// type must be checked on the descriptor we read (fstat), not on a path that can change.
#include "image/read_file.hpp"

#include "core/file_descriptor.hpp"
#include "core/file_read.hpp"

#include <cerrno>
#include <cstring>
#include <optional>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace bmx::image {
namespace {

Error read_error(int error_number) { return make_error(Stage::read, read_error_message(error_number)); }

std::optional<Error> refuse_non_regular(const struct stat& info) {
    if (S_ISREG(info.st_mode)) return std::nullopt;
    if (S_ISDIR(info.st_mode)) return make_error(Stage::read, "is a directory");
    if (S_ISFIFO(info.st_mode)) return make_error(Stage::read, "is a FIFO (named pipe), not a regular file");
    if (S_ISCHR(info.st_mode) || S_ISBLK(info.st_mode)) return make_error(Stage::read, "is a device, not a regular file");
    if (S_ISSOCK(info.st_mode)) return make_error(Stage::read, "is a socket, not a regular file");
    return make_error(Stage::read, "is not a regular file");
}

}  // namespace

std::string read_error_message(int error_number) { return describe_errno(error_number); }

Result<FileBytes> read_image_file(const std::filesystem::path& path) {
    const FileDescriptor file(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
    if (file.get() < 0) return read_error(errno);
    struct stat info {};
    if (::fstat(file.get(), &info) != 0) return read_error(errno);
    if (auto refused = refuse_non_regular(info)) return std::move(*refused);

    // Sized from fstat, but read to the end: a file may change between fstat and read.
    std::size_t capacity = static_cast<std::size_t>(info.st_size) + 1;
    FileBytes file_bytes{std::make_unique_for_overwrite<unsigned char[]>(capacity), 0};
    for (;;) {
        if (file_bytes.size == capacity) {
            const std::size_t bigger = capacity * 2;
            auto grown = std::make_unique_for_overwrite<unsigned char[]>(bigger);
            std::memcpy(grown.get(), file_bytes.data.get(), file_bytes.size);
            file_bytes.data = std::move(grown);
            capacity = bigger;
        }
        const ssize_t got = ::read(file.get(), file_bytes.data.get() + file_bytes.size, capacity - file_bytes.size);
        if (got == 0) return file_bytes;
        if (got < 0) {
            if (errno == EINTR) continue;
            return read_error(errno);
        }
        file_bytes.size += static_cast<std::size_t>(got);
    }
}

}  // namespace bmx::image
