// The upload table: a row per file in input order, a summary, cut to the terminal, never the key.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "core/message_safety.hpp"
#include "status/terminal_text.hpp"
#include "status/upload_table.hpp"

using namespace bmx;
using upload::FileStatus;
using upload::UploadState;

namespace {

FileStatus uploaded(const std::string& file, long long id) {
    FileStatus status;
    status.file = file;
    status.state = UploadState::uploaded;
    status.image_id = id;
    status.bytes = 3 * 1024 * 1024 + 200 * 1024;
    status.elapsed_ms = 1500;
    status.local_thumbnail.status = "generated";
    status.local_thumbnail.width = 300;
    status.local_thumbnail.height = 225;
    status.answer = bmx::upload::UploadAnswer{};
    status.answer->id = id;
    status.answer->thumbnail_status = "generated";
    return status;
}

std::vector<FileStatus> batch() {
    std::vector<FileStatus> statuses{uploaded("photos/01-cover.jpg", 41), uploaded("photos/02-spine.jpg", 42)};
    FileStatus copy = uploaded("photos/03-cover-again.jpg", 41);
    copy.state = UploadState::duplicate;
    copy.answer_source = bmx::upload::AnswerSource::batch_copy;
    copy.copy_of = "photos/01-cover.jpg";
    statuses.push_back(copy);
    FileStatus broken;
    broken.file = "photos/04-truncated.jpg";
    broken.state = UploadState::failed;
    broken.bytes = 2048;
    broken.local_thumbnail.status = "failed";
    broken.error = Error{Stage::decode, "truncated JPEG: the file ends before the image data does"};
    statuses.push_back(broken);
    FileStatus cancelled;
    cancelled.file = "photos/05-plate.jpg";
    cancelled.state = UploadState::cancelled;
    cancelled.error = Error{Stage::cancelled, "cancelled by an interrupt before its upload started"};
    statuses.push_back(cancelled);
    return statuses;
}

std::vector<std::string> table_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

bool table_holds(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("the table has a header, a row per file in input order with its status, and the summary") {
    auto lines = table_lines(status::render_upload_table(batch(), 160, status::Colouring::plain));
    REQUIRE(lines.size() == 9);  // and the reason lines (upload_reasons_test.cpp)
    CHECK(lines[0].rfind("STATUS", 0) == 0);
    CHECK(table_holds(lines[0], "FILE"));
    CHECK(table_holds(lines[0], "THUMBNAIL"));
    CHECK(table_holds(lines[0], "REASON"));
    CHECK(lines[1].rfind("uploaded", 0) == 0);
    CHECK(table_holds(lines[1], "photos/01-cover.jpg"));
    CHECK(table_holds(lines[1], " 41 "));
    CHECK(table_holds(lines[1], "3.2 MiB"));
    CHECK(table_holds(lines[1], "generated 300x225"));
    CHECK(lines[2].rfind("uploaded", 0) == 0);
    CHECK(lines[3].rfind("duplicate", 0) == 0);
    CHECK(table_holds(lines[3], "same content as photos/01-cover.jpg"));
    CHECK(lines[4].rfind("failed", 0) == 0);
    CHECK(table_holds(lines[4], "[decode] truncated JPEG"));
    CHECK(lines[5].rfind("cancelled", 0) == 0);
    CHECK(table_holds(lines[5], "[cancelled] cancelled by an interrupt"));
    CHECK(lines[6] == "5 files: 2 uploaded, 1 duplicate, 1 failed, 1 cancelled; 6.4 MiB uploaded in 1.5 s");
}

TEST_CASE("no line of the table is wider than the terminal less one column, and the file keeps its name") {
    for (int width : {20, 40, 60, 80, 120}) {
        CAPTURE(width);
        auto lines = table_lines(status::render_upload_table(batch(), width, status::Colouring::plain));
        REQUIRE(lines.size() >= 9);  // the reason lines wrap at narrow widths
        for (const std::string& line : lines) CHECK(status::display_width(line) <= width - 1);
        CHECK(lines[4].rfind("failed", 0) == 0);
    }
    auto forty = table_lines(status::render_upload_table(batch(), 40, status::Colouring::plain));
    CHECK_FALSE(table_holds(forty[0], "THUMBNAIL"));  // dropped before the reason
    CHECK(table_holds(forty[4], "\u2026ncated.jpg"));  // cut at the front: the name's end is kept
    auto eighty = table_lines(status::render_upload_table(batch(), 80, status::Colouring::plain));
    CHECK(table_holds(eighty[0], "THUMBNAIL"));
    CHECK(table_holds(eighty[4], "[decode] trunc"));
}

TEST_CASE("colour goes on the status word only, and the plain table has no escape at all") {
    std::string plain = status::render_upload_table(batch(), 120, status::Colouring::plain);
    CHECK_FALSE(table_holds(plain, "\x1b"));
    std::string coloured = status::render_upload_table(batch(), 120, status::Colouring::ansi);
    CHECK(table_holds(coloured, "\x1b[32muploaded\x1b[0m"));
    CHECK(table_holds(coloured, "\x1b[31;1mfailed\x1b[0m"));
    CHECK(table_holds(coloured, "\x1b[33mcancelled\x1b[0m"));
}

TEST_CASE("a file name or a reason with controls stays on its row, escaped, and the key is redacted") {
    remember_secret("tk_table_Zq8v3Xw9");
    std::vector<FileStatus> statuses{uploaded("evil\n\x1b]0;owned\x07.jpg", 7)};
    statuses[0].state = UploadState::failed;
    statuses[0].error = Error{Stage::http, "HTTP 400 Bad Request: bad key tk_table_Zq8v3Xw9", 400};
    std::string table = status::render_upload_table(statuses, 200, status::Colouring::plain);
    CHECK(table_lines(table).size() == 4);  // header, row, summary, reason line
    CHECK(table_holds(table, "evil\\n\\x1b]0;owned\\x07.jpg"));
    CHECK_FALSE(table_holds(table, "tk_table_Zq8v3Xw9"));
    CHECK(table_holds(table, "bad key <redacted>"));
}

TEST_CASE("a server that failed its thumbnail is shown in the thumbnail column with its reason") {
    std::vector<FileStatus> statuses{uploaded("scan.tif.jpg", 9)};
    statuses[0].answer->thumbnail_status = "failed";
    statuses[0].answer->thumbnail_error = "cannot identify image file";
    std::string table = status::render_upload_table(statuses, 200, status::Colouring::plain);
    CHECK(table_holds(table, "server failed"));
    CHECK(table_holds(table, "thumbnail: cannot identify image file"));
}
