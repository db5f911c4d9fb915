// HeldContent: which of a batch's files the book already holds by the upload record, decided once
// the book's image list has been read and waited for by the workers before they decode.
#pragma once

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <set>
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

// The file contents the record could show as held (by their sha256): every entry's, but a fitted
// copy's only when fitted_copies_do. Each was read, recognised and sent by an earlier run, so a
// file with one of these contents is known to be sendable before it is decoded.
std::set<std::string> holdable_contents(const UploadRecord& record, bool fitted_copies_do);

class HeldContent {
public:
    // Decided from the start: nothing is held (no record, --resend, or a dry run).
    static HeldContent none();
    // Waits for decide() (or give_up()) for these contents; any other is not held, at once.
    static HeldContent pending(std::set<std::string> candidates);

    // Whether the file content is one the book may hold, to be decided from its image list.
    bool may_hold(const std::string& file_sha256) const { return candidates_.count(file_sha256) > 0; }

    // Loop thread, once: these contents are held. Later calls do nothing.
    void decide(std::map<std::string, RecordedImage> held);
    // Any thread: nothing is taken as held (the list could not be read, the batch stopped or is
    // being torn down). Every worker waiting in lookup wakes now.
    void give_up() { decide({}); }

    // Worker: for a content that may be held, waits until decided (at most max_wait, then nothing
    // is held), then the entry if held. Any other content is not held, without waiting.
    std::optional<RecordedImage> lookup(const std::string& file_sha256);

    // A bound on a worker's wait, far beyond the image list's own timeout and retries.
    static constexpr std::chrono::minutes max_wait{30};

private:
    HeldContent(bool decided, std::set<std::string> candidates) : decided_(decided), candidates_(std::move(candidates)) {}
    std::mutex mutex_;
    std::condition_variable changed_;
    bool decided_;
    std::map<std::string, RecordedImage> held_;
    const std::set<std::string> candidates_;  // set before any worker starts, never changed
};

}  // namespace bmx::upload
