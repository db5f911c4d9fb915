#include "core/file_write.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/file_descriptor.hpp"
#include "core/file_read.hpp"

namespace bmx {
namespace {

Error write_error(const std::filesystem::path& path, std::string_view doing, int error_number) {
    return Error{Stage::write, fmt::format("{} {}: {}", doing, path.string(), describe_errno(error_number))};
}

}  // namespace

bool write_all(int fd, std::string_view bytes) {
    for (int attempt = 0; !bytes.empty() && attempt < 1000; ++attempt) {
        const ssize_t wrote = ::write(fd, bytes.data(), bytes.size());
        if (wrote < 0 && errno == EINTR) continue;
        if (wrote <= 0) {
            if (wrote == 0) errno = ENOSPC;
            return false;
        }
        bytes.remove_prefix(static_cast<std::size_t>(wrote));
    }
    if (bytes.empty()) return true;
    errno = EIO;  // 1000 interrupted writes in a row
    return false;
}

Status replace_file(const std::filesystem::path& target, std::string_view bytes, mode_t mode) {
    const std::filesystem::path dir = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
    std::string hidden = target.filename().string();
    hidden.insert(hidden.begin(), '.');
    hidden.append(".part-XXXXXX");
    const std::string pattern = (dir / hidden).string();
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    FileDescriptor fd(::mkstemp(name.data()));
    if (fd.get() < 0) return write_error(dir, "cannot create a file in", errno);
    const std::filesystem::path temporary(name.data());
    Status wrote = Ok{};
    if (!write_all(fd.get(), bytes) || ::fsync(fd.get()) != 0 || ::fchmod(fd.get(), mode) != 0)
        wrote = write_error(temporary, "cannot write", errno);
    if (wrote && fd.close() != 0) wrote = write_error(temporary, "cannot write", errno);
    if (wrote && std::rename(temporary.c_str(), target.c_str()) != 0)
        wrote = write_error(target, "cannot put the finished file in place at", errno);
    if (!wrote) ::unlink(temporary.c_str());
    return wrote;
}

}  // namespace bmx
