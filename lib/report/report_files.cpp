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

namespace bmx::report {
namespace {

Error write_error(const std::filesystem::path& path, std::string_view doing, int error_number) {
    return make_error(Stage::write, fmt::format("cannot {} {}: {}", doing, path.string(), std::strerror(error_number)));
}

bool write_all(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        ssize_t wrote = ::write(fd, bytes.data(), bytes.size());
        if (wrote < 0 && errno == EINTR) continue;
        if (wrote <= 0) return false;
        bytes.remove_prefix(static_cast<std::size_t>(wrote));
    }
    return true;
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
    const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    std::string temp = (dir / ("." + path.filename().string() + ".XXXXXX")).string();
    FileDescriptor fd(::mkostemp(temp.data(), O_CLOEXEC));
    if (fd.get() < 0) return write_error(path, "write the report", errno);
    bool written = ::fchmod(fd.get(), 0666 & ~current_umask()) == 0 && write_all(fd.get(), bytes) && ::fsync(fd.get()) == 0;
    int saved = errno;
    if (!written || fd.close() != 0) {
        if (written) saved = errno;
        ::unlink(temp.c_str());
        return write_error(path, "write the report", saved != 0 ? saved : EIO);
    }
    if (::rename(temp.c_str(), path.c_str()) != 0) {
        saved = errno;
        ::unlink(temp.c_str());
        return write_error(path, "put the report in place at", saved);
    }
    return Ok{};
}

Status append_to_file(const std::filesystem::path& path, std::string_view bytes) {
    FileDescriptor fd(::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666));
    if (fd.get() < 0) return write_error(path, "open the job summary", errno);
    if (!write_all(fd.get(), bytes)) return write_error(path, "append to the job summary", errno != 0 ? errno : EIO);
    return Ok{};
}

}  // namespace bmx::report
