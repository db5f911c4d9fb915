// Writes a downloaded image through a temporary file and a rename, comparing what the name already holds.
#include "download/file_placement.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <vector>

#include <fmt/format.h>

#include "core/file_descriptor.hpp"
#include "core/file_read.hpp"
#include "core/sha256.hpp"

namespace bmx::download {

namespace file_placement {

// The largest existing file compared by content: an image over this is not one we wrote.
constexpr std::size_t max_compared_bytes = std::size_t{4} << 30;

Error write_error(const std::filesystem::path& path, std::string_view doing, int error_number) {
    return Error{Stage::write, fmt::format("{} {}: {}", doing, path.string(), describe_errno(error_number))};
}

Status write_all(int fd, std::string_view bytes, const std::filesystem::path& temporary) {
    while (!bytes.empty()) {
        const ssize_t wrote = ::write(fd, bytes.data(), bytes.size());
        if (wrote < 0 && errno == EINTR) continue;
        if (wrote <= 0) return write_error(temporary, "cannot write", wrote < 0 ? errno : ENOSPC);
        bytes.remove_prefix(static_cast<std::size_t>(wrote));
    }
    if (::fsync(fd) != 0) return write_error(temporary, "cannot write", errno);
    return Ok{};
}

// A temporary name beside the final one: hidden (a leading dot), and made by mkstemp, so two
// runs never write the same temporary file.
Status write_then_rename(const PlacedFile& file) {
    std::string hidden = file.path.filename().string();
    hidden.insert(hidden.begin(), '.');
    hidden.append(".part-XXXXXX");
    const std::string pattern = (file.path.parent_path() / hidden).string();
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    const int fd = ::mkstemp(name.data());
    if (fd < 0) return write_error(file.path.parent_path(), "cannot create a file in", errno);
    const std::filesystem::path temporary(name.data());
    FileDescriptor owned(fd);
    Status wrote = write_all(fd, file.bytes, temporary);
    if (wrote && owned.close() != 0) wrote = write_error(temporary, "cannot write", errno);
    if (wrote && ::fchmodat(AT_FDCWD, temporary.c_str(), 0644, 0) != 0) wrote = write_error(temporary, "cannot write", errno);
    if (wrote && std::rename(temporary.c_str(), file.path.c_str()) != 0)
        wrote = write_error(file.path, "cannot rename the finished download to", errno);
    if (!wrote) ::unlink(temporary.c_str());
    return wrote;
}

}  // namespace file_placement

Result<Placed> place_file(const PlacedFile& file, Overwrite overwrite) {
    std::error_code error;
    const bool exists = std::filesystem::exists(std::filesystem::symlink_status(file.path, error));
    if (exists) {
        auto existing = read_small_file(file.path, file_placement::max_compared_bytes);
        if (existing) {
            auto existing_sha = sha256_hex(*existing);
            if (existing_sha && *existing_sha == file.sha256) return Placed::already_there;
            if (existing_sha && overwrite == Overwrite::refuse)
                return make_error(Stage::write,
                                  fmt::format("{} already holds other content (sha256 {}) than image {} (sha256 {}); "
                                              "it is kept (--force replaces it)",
                                              file.path.string(), *existing_sha, file.image_id, file.sha256));
        } else if (overwrite == Overwrite::refuse) {
            return make_error(Stage::write, fmt::format("{} already exists and cannot be compared with image {}: {}; "
                                                        "it is kept (--force replaces it)",
                                                        file.path.string(), file.image_id, existing.error().message));
        }
    }
    if (auto wrote = file_placement::write_then_rename(file); !wrote) return wrote.take_error();
    return Placed::written;
}

}  // namespace bmx::download
