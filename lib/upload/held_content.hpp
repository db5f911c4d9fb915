// HeldContent: which of a batch's files the book already holds by the upload record, decided once
// the book's image list has been read and waited for by the workers before they decode.
#pragma once

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "upload/book_order.hpp"
#include "upload/upload_record.hpp"

namespace bmx::upload {

// The record's entries whose image the listing still holds: the id is there and, where the record
// knows them, so are the same s3_key and original_filename (an id reused after the server's data
// was reset is not taken for the old image). An entry whose sent bytes were a fitted copy counts
// only when fitted_copies_do (this run has --fit): without it the file itself is wanted. Keyed by
// the file's sha256.
std::map<std::string, RecordedImage> held_by_book(const UploadRecord& record, const std::vector<ListedImage>& listing,
                                                  bool fitted_copies_do);

class HeldContent {
public:
    // Decided from the start: nothing is held (no record, --resend, or a dry run).
    static HeldContent none();
    // Waits for decide() (or give_up()).
    static HeldContent pending();

    // Loop thread, once: these contents are held. Later calls do nothing.
    void decide(std::map<std::string, RecordedImage> held);
    // Any thread: nothing is taken as held (the list could not be read, the batch stopped or is
    // being torn down). Every worker waiting in lookup wakes now.
    void give_up() { decide({}); }

    // Worker: waits until decided (at most max_wait, then nothing is held), then the entry if held.
    std::optional<RecordedImage> lookup(const std::string& file_sha256);

    // A bound on a worker's wait, far beyond the image list's own timeout and retries.
    static constexpr std::chrono::minutes max_wait{30};

private:
    explicit HeldContent(bool decided) : decided_(decided) {}
    std::mutex mutex_;
    std::condition_variable changed_;
    bool decided_;
    std::map<std::string, RecordedImage> held_;
};

}  // namespace bmx::upload
