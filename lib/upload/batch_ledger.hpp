// BatchLedger: the upload batch's bookkeeping as a state machine driven by events, with no
// sockets and no threads, so that unit tests can drive every interleaving.
//
// Rules it keeps:
// - every file ends in exactly one final state (uploaded, duplicate, failed, cancelled, would_upload);
// - of files with the same content, the earliest in input order that has not failed is the one
//   uploaded; the others wait for it and then name it (copy_of). When it fails, the next copy is
//   uploaded in its place;
// - a file starts only once every earlier file's content hash is known (or known to be
//   unknowable), so the earliest copy is always recognised as such, whatever order workers finish in;
// - after stop(), nothing new starts; files not started are cancelled with the stop's reason,
//   except copies of a file still in flight, which settle when it answers;
// - close() turns any file without a final state into failed, stage internal: never a hang.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "upload/file_status.hpp"

namespace bmx::upload {

// What an event asks the caller to do next.
struct LedgerStep {
    std::vector<std::size_t> to_upload;  // start these uploads (they are now in flight)
    std::vector<std::size_t> settled;    // these files reached their final state

    void append(const LedgerStep& more);
};

class BatchLedger {
public:
    explicit BatchLedger(std::size_t file_count);

    // The file's content hash is known (it comes before decoding, so copies resolve early).
    LedgerStep hashed(std::size_t index, std::string sha256);
    // The file was read, checked and thumbnailed: it may be uploaded.
    LedgerStep prepared(std::size_t index);
    // The file failed before upload and will never be sent (its hash may be unknown); cancelled
    // instead of failed when the error's stage is cancelled.
    LedgerStep failed_locally(std::size_t index, Error error);
    // The upload of a file that was in flight ended in a final state (not pending).
    LedgerStep answered(std::size_t index, UploadState state, std::optional<Error> error = std::nullopt);
    // Nothing new starts from now on. The reason goes on every file cancelled because of it.
    LedgerStep stop(Error reason);
    // The batch is over: any file without a final state becomes failed with stage internal.
    LedgerStep close();

    UploadState state(std::size_t index) const { return entries_[index].state; }
    const std::optional<Error>& error(std::size_t index) const { return entries_[index].error; }
    // For a duplicate settled inside the batch: the file whose upload it shares.
    std::optional<std::size_t> copy_of(std::size_t index) const { return entries_[index].copy_of; }
    bool in_flight(std::size_t index) const { return entries_[index].in_flight; }
    bool stopped() const { return stop_reason_.has_value(); }
    const std::optional<Error>& stop_reason() const { return stop_reason_; }
    std::size_t size() const { return entries_.size(); }
    std::size_t final_count() const { return final_count_; }
    bool all_final() const { return final_count_ == entries_.size(); }

private:
    struct Entry {
        bool hash_resolved = false;  // the hash is known, or the file failed before it was
        std::string sha256;          // empty when the file could not be hashed
        bool prepared = false;
        bool in_flight = false;
        UploadState state = UploadState::pending;
        std::optional<Error> error;
        std::optional<std::size_t> copy_of;
    };

    bool is_final(std::size_t index) const { return entries_[index].state != UploadState::pending; }
    void settle(std::size_t index, UploadState state, std::optional<Error> error, LedgerStep& step);
    // The file whose upload stands for this content: the earliest copy that has not failed.
    std::size_t owner_of(std::size_t index) const;
    LedgerStep advance();
    void advance_one(std::size_t index, LedgerStep& step);

    std::vector<Entry> entries_;
    std::size_t final_count_ = 0;
    std::optional<Error> stop_reason_;
};

}  // namespace bmx::upload
