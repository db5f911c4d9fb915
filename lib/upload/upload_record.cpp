// Reads and appends the upload record's JSON lines under flock.
#include "upload/upload_record.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/base64.hpp"
#include "core/file_descriptor.hpp"
#include "core/file_write.hpp"
#include "core/sha256.hpp"
#include "core/utf8.hpp"
#include "http/url.hpp"

namespace bmx::upload {
namespace {

std::string file_name_safe(const std::string& text) {
    std::string safe;
    for (char c : text) {
        bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
        safe += keep ? c : '_';
    }
    return safe.substr(0, 100);
}

std::optional<std::string> optional_string(const nlohmann::json& entry, const char* name) {
    auto found = entry.find(name);
    if (found == entry.end() || !found->is_string()) return std::nullopt;
    return found->get<std::string>();
}

std::optional<RecordedImage> parse_record_line(const std::string& line) {
    nlohmann::json entry = nlohmann::json::parse(line, nullptr, false, true);
    if (entry.is_discarded() || !entry.is_object()) return std::nullopt;
    auto file_sha256 = optional_string(entry, "file_sha256");
    auto sent_sha256 = optional_string(entry, "sent_sha256");
    auto id = entry.find("image_id");
    if (!file_sha256 || !sent_sha256 || id == entry.end() || !id->is_number_integer()) return std::nullopt;
    auto sent_bytes = entry.find("sent_bytes");
    long long size = sent_bytes != entry.end() && sent_bytes->is_number_integer() ? sent_bytes->get<long long>() : 0;
    // A name that is not UTF-8 is kept exactly beside its text form (see record_line).
    auto name = optional_string(entry, "original_filename");
    if (auto exact = optional_string(entry, "original_filename_base64"))
        if (auto bytes = base64_decode(*exact)) name = std::move(bytes);
    return RecordedImage{*file_sha256, *sent_sha256, size, id->get<long long>(), optional_string(entry, "s3_key"),
                         std::move(name)};
}

std::string record_line(const RecordedImage& image) {
    nlohmann::json entry = nlohmann::json::object();
    entry["file_sha256"] = image.file_sha256;
    entry["sent_sha256"] = image.sent_sha256;
    entry["sent_bytes"] = image.sent_bytes;
    entry["image_id"] = image.image_id;
    entry["s3_key"] = image.s3_key ? nlohmann::json(*image.s3_key) : nlohmann::json(nullptr);
    entry["original_filename"] = image.original_filename ? nlohmann::json(*image.original_filename) : nlohmann::json(nullptr);
    // JSON text cannot hold bytes that are not UTF-8 (they would be written as U+FFFD), so such a
    // name also goes in exactly, and is read back from there.
    if (image.original_filename && !is_valid_utf8(*image.original_filename))
        entry["original_filename_base64"] = base64_encode(*image.original_filename);
    return entry.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

bool same_entry(const RecordedImage& a, const RecordedImage& b) {
    return a.file_sha256 == b.file_sha256 && a.sent_sha256 == b.sent_sha256 && a.sent_bytes == b.sent_bytes &&
           a.image_id == b.image_id &&
           a.s3_key == b.s3_key && a.original_filename == b.original_filename;
}

std::string errno_text() { return std::strerror(errno); }

// Reads at most limit + 1 bytes, so that a file over the limit is known to be.
bool read_up_to(int fd, std::size_t limit, std::string& text) {
    char buffer[65536];
    for (std::size_t reads = 0; text.size() <= limit && reads < limit / sizeof buffer + 2; ++reads) {
        ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return false;
        if (n == 0) break;
        text.append(buffer, static_cast<std::size_t>(n));
    }
    return true;
}

// Only a regular file this user owns is a record: not a FIFO (whose open or read would block),
// a device, or another user's file planted in a shared directory.
std::optional<std::string> not_a_record(int fd) {
    struct stat info {};
    if (::fstat(fd, &info) != 0) return errno_text();
    if (!S_ISREG(info.st_mode)) return std::string("not a regular file");
    if (info.st_uid != ::geteuid()) return std::string("owned by another user");
    return std::nullopt;
}

// Makes a directory 0700 only when it is a real directory of this user's (never through a symlink).
void keep_private(const std::filesystem::path& dir) {
    struct stat info {};
    if (::lstat(dir.c_str(), &info) == 0 && S_ISDIR(info.st_mode) && info.st_uid == ::geteuid()) ::chmod(dir.c_str(), 0700);
}

// The last byte, so that an append after a torn line (a full disk, a kill mid-write) starts a new line.
bool ends_mid_line(int fd) {
    struct stat info {};
    if (::fstat(fd, &info) != 0 || info.st_size == 0) return false;
    char last = '\n';
    return ::pread(fd, &last, 1, info.st_size - 1) == 1 && last != '\n';
}

}  // namespace

std::optional<std::filesystem::path> default_record_dir(const env::ProcessEnv& process_env) {
    if (auto state = process_env.get("XDG_STATE_HOME"); state && std::filesystem::path(*state).is_absolute())
        return std::filesystem::path(*state) / "bmx-api";
    if (auto home = process_env.get("HOME"); home && std::filesystem::path(*home).is_absolute())
        return std::filesystem::path(*home) / ".local" / "state" / "bmx-api";
    return std::nullopt;
}

std::filesystem::path record_file_path(const std::filesystem::path& dir, const std::string& origin, long long book_id) {
    auto digest = sha256_hex(origin);
    std::string tag = digest ? digest->substr(0, 12) : std::string("000000000000");
    return dir / "uploads" / fmt::format("{}-{}", file_name_safe(origin), tag) / fmt::format("book-{}.jsonl", book_id);
}

UploadRecord UploadRecord::load(const std::filesystem::path& file, std::vector<std::string>& warnings) {
    UploadRecord record;
    record.file_ = file;
    FileDescriptor fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK));
    if (fd.get() < 0) {
        if (errno != ENOENT)
            warnings.push_back(fmt::format("the upload record {} cannot be read ({}), so every file is sent", file.string(),
                                           errno == ELOOP ? std::string("it is a symbolic link") : errno_text()));
        return record;
    }
    if (auto refused = not_a_record(fd.get())) {
        record.writable_ = false;
        warnings.push_back(fmt::format("the upload record {} is not used ({}), so every file is sent", file.string(), *refused));
        return record;
    }
    if (::flock(fd.get(), LOCK_SH) != 0) {
        warnings.push_back(fmt::format("the upload record {} cannot be locked ({}), so every file is sent", file.string(),
                                       errno_text()));
        return record;
    }
    std::string text;
    if (!read_up_to(fd.get(), max_record_file_bytes, text)) {
        warnings.push_back(fmt::format("the upload record {} cannot be read ({}), so every file is sent", file.string(),
                                       errno_text()));
        return record;
    }
    if (text.size() > max_record_file_bytes) {
        record.writable_ = false;
        warnings.push_back(fmt::format("the upload record {} is over {} MiB, so it is not used or added to; delete it to "
                                       "start a new one",
                                       file.string(), max_record_file_bytes >> 20));
        return record;
    }
    std::size_t unreadable = 0;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string line = text.substr(start, end - start);
        start = end + 1;
        if (line.empty()) continue;
        if (auto entry = parse_record_line(line))
            record.by_file_[entry->file_sha256] = std::move(*entry);
        else
            ++unreadable;
    }
    if (unreadable > 0)
        warnings.push_back(fmt::format("the upload record {} has {} unreadable line{}, left out (those files are sent "
                                       "again if needed; the server dedupes)",
                                       file.string(), unreadable, unreadable == 1 ? "" : "s"));
    return record;
}

const RecordedImage* UploadRecord::find(const std::string& file_sha256) const {
    auto found = by_file_.find(file_sha256);
    return found == by_file_.end() ? nullptr : &found->second;
}

std::vector<RecordedImage> UploadRecord::entries() const {
    std::vector<RecordedImage> all;
    for (const auto& [sha256, entry] : by_file_) all.push_back(entry);
    return all;
}

void UploadRecord::append(const std::vector<RecordedImage>& entries, std::vector<std::string>& warnings) {
    if (!writable_ || file_.empty()) return;
    std::string lines;
    for (const RecordedImage& entry : entries) {
        const RecordedImage* known = find(entry.file_sha256);
        if (known && same_entry(*known, entry)) continue;
        lines += record_line(entry);
        by_file_[entry.file_sha256] = entry;
    }
    if (lines.empty()) return;
    auto fail = [&](const char* doing) {
        warnings.push_back(fmt::format("the upload record {} could not be {} ({}); a re-run sends these files again and the "
                                       "server dedupes them",
                                       file_.string(), doing, errno_text()));
    };
    std::error_code made;
    std::filesystem::create_directories(file_.parent_path(), made);
    if (made) {
        errno = made.value();
        return fail("created");
    }
    // The origin's directory and uploads/ above it: only this user reads which books they worked on.
    keep_private(file_.parent_path());
    keep_private(file_.parent_path().parent_path());
    FileDescriptor fd(::open(file_.c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0600));
    if (fd.get() < 0) return fail("opened");
    if (auto refused = not_a_record(fd.get())) {
        warnings.push_back(fmt::format("the upload record {} is not written ({})", file_.string(), *refused));
        return;
    }
    if (::flock(fd.get(), LOCK_EX) != 0) return fail("locked");
    if (ends_mid_line(fd.get())) lines = "\n" + lines;
    struct stat info {};
    if (::fstat(fd.get(), &info) == 0 && static_cast<std::size_t>(info.st_size) + lines.size() > max_record_file_bytes) {
        warnings.push_back(fmt::format("the upload record {} is full ({} MiB); these files are not recorded", file_.string(),
                                       max_record_file_bytes >> 20));
        return;
    }
    if (!write_all(fd.get(), lines)) return fail("written");
    if (fd.close() != 0) fail("written");
}

}  // namespace bmx::upload
