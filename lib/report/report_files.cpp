#include "report/report_files.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "core/file_descriptor.hpp"
#include "core/file_write.hpp"

namespace bmx::report {
namespace {

Error write_error(const std::filesystem::path& path, std::string_view doing, int error_number) {
    return make_error(Stage::write, fmt::format("cannot {} {}: {}", doing, path.string(), std::strerror(error_number)));
}

// The process's umask, read without changing it (umask(2) would, for a moment, for every thread).
mode_t current_umask() {
    FileDescriptor fd(::open("/proc/self/status", O_RDONLY | O_CLOEXEC));
    char buffer[4096];
    ssize_t got = fd.get() >= 0 ? ::read(fd.get(), buffer, sizeof buffer - 1) : -1;
    if (got > 0) {
        std::string_view status(buffer, static_cast<std::size_t>(got));
        if (auto at = status.find("Umask:\t"); at != std::string_view::npos)
            return static_cast<mode_t>(std::strtoul(buffer + at + 7, nullptr, 8) & 0777);
    }
    return 022;
}

}  // namespace

Status write_file_atomically(const std::filesystem::path& path, std::string_view bytes) {
    return replace_file(path, bytes, 0666 & ~current_umask());
}

Status append_to_file(const std::filesystem::path& path, std::string_view bytes) {
    FileDescriptor fd(::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666));
    if (fd.get() < 0) return write_error(path, "open the job summary", errno);
    if (!write_all(fd.get(), bytes)) return write_error(path, "append to the job summary", errno != 0 ? errno : EIO);
    return Ok{};
}

}  // namespace bmx::report
