// Turns the batch's stored files into upload record entries.
#include "upload/batch_record.hpp"

#include <algorithm>

namespace bmx::upload {

std::vector<RecordedImage> stored_images(const std::vector<FileStatus>& statuses, const std::vector<RecordFacts>& facts,
                                         const std::vector<ListedImage>& book) {
    std::vector<RecordedImage> entries;
    for (std::size_t i = 0; i < statuses.size(); ++i) {
        const FileStatus& status = statuses[i];
        if (!status.succeeded() || !status.image_id || facts[i].file_sha256.empty() || status.sha256.empty()) continue;
        RecordedImage entry{facts[i].file_sha256, status.sha256, status.bytes, *status.image_id, std::nullopt, std::nullopt};
        auto listed = std::find_if(book.begin(), book.end(), [&](const ListedImage& image) { return image.id == entry.image_id; });
        if (listed != book.end()) {
            entry.s3_key = listed->s3_key;
            entry.original_filename = listed->original_filename;
        } else if (!facts[i].sent_filename.empty()) {
            entry.original_filename = facts[i].sent_filename;
        }
        entries.push_back(std::move(entry));
    }
    return entries;
}

void record_batch(UploadRecord& record, const std::vector<FileStatus>& statuses, const std::vector<RecordFacts>& facts,
                  const std::vector<ListedImage>& book, std::vector<std::string>& warnings) {
    auto entries = stored_images(statuses, facts, book);
    if (!entries.empty()) record.append(entries, warnings);
}

}  // namespace bmx::upload
