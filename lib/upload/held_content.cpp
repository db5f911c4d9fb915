// Matches the upload record against the book's image list and hands the answer to the workers.
#include "upload/held_content.hpp"

#include "core/utf8.hpp"

namespace bmx::upload {
namespace {

// Whether an entry can count as held at all: its sent bytes were the file's own, or they were a
// fitted copy and this run fits too.
bool can_count(const RecordedImage& entry, bool fitted_copies_do) {
    return entry.sent_sha256 == entry.file_sha256 || fitted_copies_do;
}

}  // namespace

std::map<std::string, RecordedImage> held_by_book(const UploadRecord& record, const std::vector<ListedImage>& listing,
                                                  bool fitted_copies_do) {
    std::map<std::string, RecordedImage> held;
    if (record.empty()) return held;
    for (const RecordedImage& entry : record.entries()) {
        if (!can_count(entry, fitted_copies_do)) continue;
        for (const ListedImage& image : listing) {
            if (image.id != entry.image_id) continue;
            bool same_key = !entry.s3_key || !image.s3_key || *entry.s3_key == *image.s3_key;
            // A sent name that is not UTF-8 comes back as whatever text the server made of it
            // (Starlette reads it as Latin-1), so only a name the server could hold as sent is compared.
            bool same_name = !entry.original_filename || !image.original_filename ||
                             !is_valid_utf8(*entry.original_filename) ||
                             *entry.original_filename == *image.original_filename;
            if (same_key && same_name) held[entry.file_sha256] = entry;
            break;
        }
    }
    return held;
}

std::set<std::string> holdable_contents(const UploadRecord& record, bool fitted_copies_do) {
    std::set<std::string> contents;
    for (const RecordedImage& entry : record.entries())
        if (can_count(entry, fitted_copies_do)) contents.insert(entry.file_sha256);
    return contents;
}

HeldContent HeldContent::none() { return HeldContent(true, {}); }

HeldContent HeldContent::pending(std::set<std::string> candidates) { return HeldContent(false, std::move(candidates)); }

void HeldContent::decide(std::map<std::string, RecordedImage> held) {
    {
        std::lock_guard lock(mutex_);
        if (decided_) return;
        held_ = std::move(held);
        decided_ = true;
    }
    changed_.notify_all();
}

std::optional<RecordedImage> HeldContent::lookup(const std::string& file_sha256) {
    if (!may_hold(file_sha256)) return std::nullopt;
    std::unique_lock lock(mutex_);
    if (!changed_.wait_for(lock, max_wait, [this] { return decided_; })) return std::nullopt;
    auto found = held_.find(file_sha256);
    if (found == held_.end()) return std::nullopt;
    return found->second;
}

}  // namespace bmx::upload
