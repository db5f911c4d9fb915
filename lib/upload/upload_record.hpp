// The upload record: which content bmx-api stored as which image, per API origin and book, so
// that a re-run of a batch does not send again what the server already holds.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "env/process_env.hpp"

namespace bmx::upload {

// One stored file. It holds no key and no URL with credentials: hashes, the image id, and the
// listing fields that tell this image from another one that later got the same id.
struct RecordedImage {
    std::string file_sha256;        // the file as read from disk
    std::string sent_sha256;        // the bytes sent (differs with --fit)
    long long sent_bytes = 0;       // their size (0 in records written before it was kept)
    long long image_id = 0;
    std::optional<std::string> s3_key;             // from the book's image list, when it was read back
    std::optional<std::string> original_filename;  // likewise
};

// A record file is at most this large (4 MiB: about 20,000 entries); a larger one is not read
// (warning) and not added to, so it never grows without bound.
inline constexpr std::size_t max_record_file_bytes = std::size_t{4} << 20;

// $XDG_STATE_HOME/bmx-api (an absolute XDG_STATE_HOME only, as the XDG spec says), else
// $HOME/.local/state/bmx-api; nullopt when neither is usable.
std::optional<std::filesystem::path> default_record_dir(const env::ProcessEnv& process_env);

// The record file for one book on one API origin ("https://api.bluemoxon.com:443"):
// DIR/uploads/<origin, made file-name safe>-<12 hex of its sha256>/book-<id>.jsonl.
std::filesystem::path record_file_path(const std::filesystem::path& dir, const std::string& origin, long long book_id);

class UploadRecord {
public:
    // Reads the file under a shared lock. Anything wrong (unreadable, too large, bad lines) is a
    // warning and leaves the record with what could be read: never a failure.
    static UploadRecord load(const std::filesystem::path& file, std::vector<std::string>& warnings);

    // The entry for this file content, if any (the last one recorded wins).
    const RecordedImage* find(const std::string& file_sha256) const;
    bool empty() const { return by_file_.empty(); }
    // Every entry, one per file content.
    std::vector<RecordedImage> entries() const;

    // Appends the entries not already recorded with the same values: one write() of whole lines
    // under an exclusive flock on an O_APPEND descriptor, so two bmx-api processes at once
    // interleave whole lines, never parts of them. Creates the directories (mode 0700). Failure is
    // a warning.
    void append(const std::vector<RecordedImage>& entries, std::vector<std::string>& warnings);

private:
    std::filesystem::path file_;
    std::map<std::string, RecordedImage> by_file_;
    bool writable_ = true;  // false when the file was too large to read
};

}  // namespace bmx::upload
