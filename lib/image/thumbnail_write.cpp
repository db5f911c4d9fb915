// Names and writes thumbnail files.
#include "image/thumbnail_write.hpp"

#include <atomic>
#include <cerrno>
#include <system_error>

#include <fcntl.h>
#include <unistd.h>

#include <map>

#include <fmt/format.h>

#include "core/file_descriptor.hpp"
#include "image/read_file.hpp"

namespace bmx::image {
namespace {

Error write_error(const std::filesystem::path& path, int error_number) {
    return make_error(Stage::write, fmt::format("cannot write {}: {}", path.string(), read_error_message(error_number)));
}

std::filesystem::path temporary_path_beside(const std::filesystem::path& out_path) {
    static std::atomic<unsigned> counter{0};
    return out_path.string() + fmt::format(".partial-{}-{}", ::getpid(), counter++);
}

Status write_all(int fd, const std::vector<unsigned char>& bytes, const std::filesystem::path& path) {
    std::size_t written = 0;
    while (written < bytes.size()) {
        const ssize_t count = ::write(fd, bytes.data() + written, bytes.size() - written);
        if (count < 0 && errno == EINTR) continue;
        if (count < 0) return write_error(path, errno);
        written += static_cast<std::size_t>(count);
    }
    return Ok{};
}

Status ensure_directory(const std::filesystem::path& directory) {
    if (directory.empty()) return Ok{};
    std::error_code error;
    std::filesystem::create_directories(directory, error);
    if (error)
        return make_error(Stage::write, fmt::format("cannot create directory {}: {}", directory.string(),
                                               read_error_message(error.value())));
    return Ok{};
}

}  // namespace

std::vector<Result<std::filesystem::path>> plan_thumbnail_paths(const std::vector<std::filesystem::path>& files,
                                                                const std::filesystem::path& out_dir) {
    std::vector<Result<std::filesystem::path>> outputs;
    std::map<std::filesystem::path, std::size_t> taken;
    for (std::size_t i = 0; i < files.size(); ++i) {
        auto path = thumbnail_path(files[i], out_dir);
        if (path) {
            const auto [earlier, inserted] = taken.emplace(path->lexically_normal(), i);
            if (!inserted)
                path = make_error(Stage::write, fmt::format("its thumbnail name {} is already used by {} in this batch; "
                                                            "rename one of them",
                                                            path->string(), files[earlier->second].string()));
        }
        outputs.push_back(std::move(path));
    }
    return outputs;
}

Result<std::filesystem::path> thumbnail_path(const std::filesystem::path& source, const std::filesystem::path& out_dir) {
    auto path = out_dir / (source.stem().string() + ".thumb.jpg");
    std::error_code error;
    if (path == source || std::filesystem::equivalent(path, source, error))
        return make_error(Stage::write, fmt::format("the thumbnail path {} is the source file itself", path.string()));
    return path;
}

Status check_thumbnail_dir(const std::filesystem::path& out_dir) {
    std::filesystem::path existing = out_dir.empty() ? std::filesystem::path(".") : out_dir;
    for (int depth = 0; depth < 256; ++depth) {  // bounded: a path has finitely many parents
        std::error_code error;
        auto kind = std::filesystem::status(existing, error).type();
        if (kind == std::filesystem::file_type::directory) return Ok{};
        if (kind != std::filesystem::file_type::not_found) {
            if (existing == out_dir)
                return make_error(Stage::usage, fmt::format("{} is a file, not a directory: give a directory for the thumbnails",
                                                            out_dir.string()));
            return make_error(Stage::usage, fmt::format("{} cannot be made: {} is a file, not a directory", out_dir.string(),
                                                        existing.string()));
        }
        auto parent = existing.parent_path();
        if (parent.empty() || parent == existing) return Ok{};
        existing = parent;
    }
    return Ok{};
}

Status write_thumbnail(const Thumbnail& thumbnail, const std::filesystem::path& out_path) {
    if (auto directory = ensure_directory(out_path.parent_path()); !directory) return directory;
    const auto temporary = temporary_path_beside(out_path);
    FileDescriptor file(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
    if (file.get() < 0) return write_error(out_path, errno);
    Status written = write_all(file.get(), thumbnail.jpeg, out_path);
    if (written && file.close() != 0) written = write_error(out_path, errno);
    if (written && ::rename(temporary.c_str(), out_path.c_str()) != 0) written = write_error(out_path, errno);
    if (!written) ::unlink(temporary.c_str());
    return written;
}

}  // namespace bmx::image
