// The record phase: what this batch stored, by content, for the next run's upload record.
#pragma once

#include <string>
#include <vector>

#include "upload/book_order.hpp"
#include "upload/file_status.hpp"
#include "upload/upload_record.hpp"

namespace bmx::upload {

// One input file as the record sees it.
struct RecordFacts {
    std::string file_sha256;    // the file as read ("" when it was never read)
    std::string sent_filename;  // the name its upload gave the server
};

// Every stored file whose answer kept the contract: file hash, sent hash and size, image id, and
// the listing fields that tell this image from a later one with the same id. Those come from
// `book` (the list read before the batch, or after it with --no-reorder) for images it holds;
// for an image this batch created, original_filename is the name sent and s3_key is unknown.
std::vector<RecordedImage> stored_images(const std::vector<FileStatus>& statuses, const std::vector<RecordFacts>& facts,
                                         const std::vector<ListedImage>& book);

// The record phase: appends stored_images to the record (a failure is a warning).
void record_batch(UploadRecord& record, const std::vector<FileStatus>& statuses, const std::vector<RecordFacts>& facts,
                  const std::vector<ListedImage>& book, std::vector<std::string>& warnings);

}  // namespace bmx::upload
