// Reads whole files (or stdin) with errors a person can act on, never blocking on a FIFO.
#include "core/file_read.hpp"
#include "core/file_descriptor.hpp"

#include <cctype>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

namespace bmx {
namespace {

Result<std::string> read_all(int fd, std::size_t max_bytes, const std::string& what) {
    std::string data;
    char buffer[65536];
    while (true) {
        ssize_t got = ::read(fd, buffer, sizeof buffer);
        if (got == 0) break;
        if (got < 0) {
            if (errno == EINTR) continue;
            return make_error(Stage::read, fmt::format("{}: {}", what, describe_errno(errno)));
        }
        if (data.size() + static_cast<std::size_t>(got) > max_bytes)
            return make_error(Stage::read, fmt::format("{}: over the {} byte limit", what, max_bytes));
        data.append(buffer, static_cast<std::size_t>(got));
    }
    return data;
}

}  // namespace

std::string describe_errno(int error_number) {
    switch (error_number) {
        case ENOENT: return "no such file";
        case EACCES:
        case EPERM: return "permission denied";
        case EISDIR: return "is a directory";
        case ENOTDIR: return "a parent of the path is not a directory";
        case ENXIO: return "is a socket or device with nothing behind it, not a regular file";
        case ELOOP: return "too many levels of symbolic links";
        case ENAMETOOLONG: return "file name too long";
        case EIO: return "input/output error (a failing disk or network share)";
        default: break;
    }
    std::string message = std::strerror(error_number);
    if (!message.empty()) message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
    return message;
}

Result<std::string> read_small_file(const std::filesystem::path& path, std::size_t max_bytes) {
    // O_NONBLOCK so that a FIFO with no writer fails the S_ISREG check instead of hanging open().
    FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
    if (fd.get() < 0) {
        int open_errno = errno;
        struct stat link_info {};
        if (open_errno == ENOENT && ::lstat(path.c_str(), &link_info) == 0 && S_ISLNK(link_info.st_mode))
            return make_error(Stage::read, fmt::format("{}: a symbolic link whose target does not exist", path.string()));
        return make_error(Stage::read, fmt::format("{}: {}", path.string(), describe_errno(open_errno)));
    }
    struct stat info {};
    if (::fstat(fd.get(), &info) != 0)
        return make_error(Stage::read, fmt::format("{}: {}", path.string(), describe_errno(errno)));
    if (S_ISDIR(info.st_mode)) return make_error(Stage::read, fmt::format("{}: is a directory", path.string()));
    if (!S_ISREG(info.st_mode))
        return make_error(Stage::read, fmt::format("{}: not a regular file (a FIFO, socket or device)", path.string()));
    if (static_cast<std::size_t>(info.st_size) > max_bytes)
        return make_error(Stage::read, fmt::format("{}: {} bytes, over the {} byte limit", path.string(), info.st_size, max_bytes));
    int flags = ::fcntl(fd.get(), F_GETFL);
    if (flags >= 0) ::fcntl(fd.get(), F_SETFL, flags & ~O_NONBLOCK);
    auto data = read_all(fd.get(), max_bytes, path.string());
    if (!data) return data;
    // A file still being written (a camera card copy, a sync client) would be read half old,
    // half new: refuse it rather than hand on bytes that were never one file.
    struct stat after {};
    bool changed = ::fstat(fd.get(), &after) != 0 || after.st_size != info.st_size ||
                   after.st_mtim.tv_sec != info.st_mtim.tv_sec || after.st_mtim.tv_nsec != info.st_mtim.tv_nsec ||
                   static_cast<off_t>(data->size()) != info.st_size;
    if (changed)
        return make_error(Stage::read, fmt::format("{}: changed while it was being read; try again once it is complete",
                                                   path.string()));
    return data;
}

Result<std::string> read_stdin(std::size_t max_bytes) { return read_all(STDIN_FILENO, max_bytes, "standard input"); }

}  // namespace bmx
