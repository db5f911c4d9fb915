// The record phase: which of a batch's files the upload record keeps, and what it keeps of them.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "upload/batch_record.hpp"

namespace batch_record_test {

using bmx::upload::AnswerSource;
using bmx::upload::FileStatus;
using bmx::upload::ListedImage;
using bmx::upload::RecordedImage;
using bmx::upload::RecordFacts;
using bmx::upload::stored_images;
using bmx::upload::UploadState;

FileStatus stored_status(const std::string& file, UploadState state, long long id, const std::string& sent_sha256,
                         long long bytes) {
    FileStatus status;
    status.file = file;
    status.state = state;
    status.image_id = id;
    status.sha256 = sent_sha256;
    status.bytes = bytes;
    return status;
}

// The later file with the same content, settled inside the batch by the earlier one's upload.
FileStatus copy_status(const FileStatus& earlier, const std::string& file) {
    FileStatus status = earlier;
    status.file = file;
    status.answer_source = AnswerSource::batch_copy;
    status.copy_of = earlier.file;
    return status;
}

ListedImage listed_with(long long id, long long display_order, std::string s3_key, std::string original_filename) {
    return ListedImage{id, display_order, false, std::move(s3_key), std::move(original_filename)};
}

bool same_entry(const RecordedImage& a, const RecordedImage& b) {
    return a.file_sha256 == b.file_sha256 && a.sent_sha256 == b.sent_sha256 && a.sent_bytes == b.sent_bytes &&
           a.image_id == b.image_id && a.s3_key == b.s3_key && a.original_filename == b.original_filename;
}

TEST_CASE("the record keeps only stored files with an image id and both hashes") {
    std::vector<FileStatus> statuses{
        stored_status("a.jpg", UploadState::uploaded, 11, "sa", 100),
        stored_status("b.jpg", UploadState::duplicate, 12, "sb", 200),
        stored_status("c.jpg", UploadState::failed, 13, "sc", 300),
        stored_status("d.jpg", UploadState::cancelled, 14, "sd", 400),
        stored_status("e.jpg", UploadState::would_upload, 15, "se", 500),
        stored_status("f.jpg", UploadState::uploaded, 16, "", 600),  // no hash of the bytes sent
        stored_status("g.jpg", UploadState::uploaded, 17, "sg", 700),  // never read: no file hash
    };
    FileStatus no_id = stored_status("h.jpg", UploadState::uploaded, 0, "sh", 800);
    no_id.image_id.reset();
    statuses.push_back(no_id);
    std::vector<RecordFacts> facts{{"fa", "a.jpg"}, {"fb", "b.jpg"}, {"fc", "c.jpg"}, {"fd", "d.jpg"},
                                   {"fe", "e.jpg"}, {"ff", "f.jpg"}, {"", "g.jpg"},  {"fh", "h.jpg"}};
    auto entries = stored_images(statuses, facts, {});
    REQUIRE(entries.size() == 2);
    CHECK(entries[0].file_sha256 == "fa");
    CHECK(entries[0].sent_sha256 == "sa");
    CHECK(entries[0].sent_bytes == 100);
    CHECK(entries[0].image_id == 11);
    CHECK(entries[1].file_sha256 == "fb");
    CHECK(entries[1].image_id == 12);
}

TEST_CASE("an image the book listing holds is recorded with the listing's s3_key and original_filename") {
    std::vector<FileStatus> statuses{stored_status("cover.jpg", UploadState::duplicate, 21, "s1", 10)};
    std::vector<RecordFacts> facts{{"f1", "cover.jpg"}};
    std::vector<ListedImage> book{listed_with(20, 0, "books/1/20.jpg", "spine.jpg"),
                                  listed_with(21, 1, "books/1/21.jpg", "old-cover.jpg")};
    auto entries = stored_images(statuses, facts, book);
    REQUIRE(entries.size() == 1);
    CHECK(entries[0].s3_key == "books/1/21.jpg");
    CHECK(entries[0].original_filename == "old-cover.jpg");
}

TEST_CASE("an image the listing does not hold is recorded with the name sent and no s3_key") {
    std::vector<FileStatus> statuses{stored_status("photo.png", UploadState::uploaded, 30, "s1", 10),
                                     stored_status("big.png", UploadState::uploaded, 31, "s2", 10)};
    std::vector<RecordFacts> facts{{"f1", "photo.png"}, {"f2", "big.jpg"}};  // big.png went as a fitted big.jpg
    std::vector<ListedImage> book{listed_with(20, 0, "books/1/20.jpg", "spine.jpg")};
    auto entries = stored_images(statuses, facts, book);
    REQUIRE(entries.size() == 2);
    CHECK_FALSE(entries[0].s3_key.has_value());
    CHECK(entries[0].original_filename == "photo.png");
    CHECK(entries[1].original_filename == "big.jpg");
}

TEST_CASE("copies in a batch share one entry: the file uploaded for both, by the name it was sent with") {
    FileStatus first = stored_status("a.jpg", UploadState::uploaded, 40, "s1", 10);
    FileStatus copy = copy_status(first, "a-copy.jpg");
    std::vector<FileStatus> statuses{first, copy};
    // The copy was prepared too, under its own name, but only a.jpg was sent.
    std::vector<RecordFacts> facts{{"f1", "a.jpg"}, {"f1", "a-copy.jpg"}};
    auto entries = stored_images(statuses, facts, {});
    REQUIRE(entries.size() == 2);
    CHECK(entries[0].original_filename == "a.jpg");
    CHECK(same_entry(entries[0], entries[1]));
}

TEST_CASE("copies of an image the listing holds share the listing's entry") {
    FileStatus first = stored_status("a.jpg", UploadState::duplicate, 41, "s1", 10);
    FileStatus copy = copy_status(first, "b.jpg");
    std::vector<FileStatus> statuses{first, copy};
    std::vector<RecordFacts> facts{{"f1", "a.jpg"}, {"f1", "b.jpg"}};
    std::vector<ListedImage> book{listed_with(41, 0, "books/1/41.jpg", "first-name.jpg")};
    auto entries = stored_images(statuses, facts, book);
    REQUIRE(entries.size() == 2);
    CHECK(entries[1].original_filename == "first-name.jpg");
    CHECK(entries[1].s3_key == "books/1/41.jpg");
    CHECK(same_entry(entries[0], entries[1]));
}

}  // namespace batch_record_test
