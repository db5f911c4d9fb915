// The reason lines under the upload table: every failed or cancelled file's whole reason, once
// for the files that share it, wrapped to the terminal, named as the person named the file.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "core/message_safety.hpp"
#include "status/terminal_text.hpp"
#include "status/upload_reasons.hpp"
#include "status/upload_table.hpp"

using namespace bmx;
using upload::FileStatus;
using upload::UploadState;

namespace {

FileStatus with_state(const std::string& file, UploadState state, std::optional<Error> error = std::nullopt) {
    FileStatus status;
    status.file = file;
    status.state = state;
    status.error = std::move(error);
    return status;
}

std::vector<std::string> lines_of_text(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

const std::string long_reason = "not sent: its upload request would be 3145728 bytes (3.00 MiB) (the file is 3140000 bytes "
                                "(2.99 MiB)), over the 3000000 bytes (2.86 MiB) limit (--max-upload-bytes)";

}  // namespace

TEST_CASE("each failed or cancelled file gets a line with its whole reason, in input order, stored files none") {
    std::vector<FileStatus> statuses{
        with_state("shoot/01-cover.jpg", UploadState::uploaded),
        with_state("shoot/02-notes.jpg", UploadState::failed, Error{Stage::format, "not an image (content starts like a PDF)"}),
        with_state("shoot/03-big.jpg", UploadState::failed, Error{Stage::limits, long_reason}),
        with_state("shoot/04-late.jpg", UploadState::cancelled, Error{Stage::cancelled, "cancelled by a 401 on 02"}),
    };
    std::vector<std::string> names{"01-cover.jpg", "02-notes.jpg", "03-big.jpg", "04-late.jpg"};
    auto lines = lines_of_text(status::render_reason_lines(statuses, names, status::TerminalStyle{400}));
    REQUIRE(lines.size() == 3);
    CHECK(lines[0] == "  failed: 02-notes.jpg [format] not an image (content starts like a PDF)");
    CHECK(lines[1] == "  failed: 03-big.jpg [limits] " + long_reason);
    CHECK(lines[2] == "  cancelled: 04-late.jpg [cancelled] cancelled by a 401 on 02");
    // Without names, the file as the status holds it.
    auto unnamed = lines_of_text(status::render_reason_lines(statuses, {}, status::TerminalStyle{400}));
    REQUIRE(unnamed.size() == 3);
    CHECK(unnamed[0].rfind("  failed: shoot/02-notes.jpg [format] ", 0) == 0);
}

TEST_CASE("files with the same state and reason share one line with their count, where the first of them is") {
    Error interrupted{Stage::cancelled, "cancelled by an interrupt before its upload started"};
    std::vector<FileStatus> statuses{
        with_state("a.jpg", UploadState::failed, Error{Stage::decode, "truncated JPEG: data ends early"}),
        with_state("b.jpg", UploadState::cancelled, interrupted),
        with_state("c.jpg", UploadState::failed, Error{Stage::decode, "truncated JPEG: data ends early"}),
        with_state("d.jpg", UploadState::cancelled, interrupted),
        with_state("e.jpg", UploadState::cancelled, interrupted),
        with_state("f.jpg", UploadState::failed, interrupted),  // same reason, other state: its own line
    };
    auto lines = lines_of_text(status::render_reason_lines(statuses, {}, status::TerminalStyle{200}));
    REQUIRE(lines.size() == 3);
    CHECK(lines[0] == "  failed (2 files): [decode] truncated JPEG: data ends early");
    CHECK(lines[1] == "  cancelled (3 files): [cancelled] cancelled by an interrupt before its upload started");
    CHECK(lines[2] == "  failed: f.jpg [cancelled] cancelled by an interrupt before its upload started");
}

TEST_CASE("a reason line is wrapped to the width less one column, continued four spaces in, and keeps every word") {
    std::vector<FileStatus> statuses{with_state("03-big.jpg", UploadState::failed, Error{Stage::limits, long_reason})};
    for (int width : {40, 100, 120}) {
        CAPTURE(width);
        auto lines = lines_of_text(status::render_reason_lines(statuses, {}, status::TerminalStyle{width}));
        REQUIRE_FALSE(lines.empty());
        std::string joined = lines[0];
        for (std::size_t i = 0; i < lines.size(); ++i) {
            CHECK(status::display_width(lines[i]) <= width - 1);
            if (i == 0) continue;
            CHECK(lines[i].rfind("    ", 0) == 0);
            CHECK(lines[i][4] != ' ');
            joined += " " + lines[i].substr(4);
        }
        CHECK(joined == "  failed: 03-big.jpg [limits] " + long_reason);
        CHECK(lines.size() > (width == 40 ? 4u : 1u));
    }
}

TEST_CASE("a reason line shows controls escaped and never the key") {
    remember_secret("tk_reasons_Hq2w8Lp");
    std::vector<FileStatus> statuses{
        with_state("evil\n\x1b[2J.jpg", UploadState::failed, Error{Stage::http, "HTTP 400: bad key tk_reasons_Hq2w8Lp\n", 400})};
    std::string text = status::render_reason_lines(statuses, {}, status::TerminalStyle{200});
    CHECK(text == "  failed: evil\\n\\x1b[2J.jpg [http] HTTP 400: bad key <redacted>\\n\n");
}

TEST_CASE("the table ends with its reason lines, and names each file as it was given") {
    std::vector<FileStatus> statuses{
        with_state("/home/me/march shoot/01-cover.jpg", UploadState::uploaded),
        with_state("/home/me/march shoot/02-notes.jpg", UploadState::failed, Error{Stage::format, "not an image (content starts like a PDF)"}),
    };
    statuses[1].local_thumbnail.status = "failed";
    statuses[1].bytes = 2048;
    std::string table =
        status::render_upload_table(statuses, {"01-cover.jpg", "02-notes.jpg"}, status::TerminalStyle{120});
    auto lines = lines_of_text(table);
    REQUIRE(lines.size() == 5);
    CHECK(lines[0].find("THUMBNAIL") != std::string::npos);
    CHECK(lines[1].rfind("uploaded  01-cover.jpg  ", 0) == 0);
    CHECK(lines[2].rfind("failed    02-notes.jpg  ", 0) == 0);
    CHECK(lines[2].find("march") == std::string::npos);
    CHECK(lines[2].find("failed", 1) == std::string::npos);  // the thumbnail column does not say it again
    CHECK(lines[3].rfind("2 files: 1 uploaded, 1 failed; ", 0) == 0);
    CHECK(lines[4] == "  failed: 02-notes.jpg [format] not an image (content starts like a PDF)");
}

TEST_CASE("with ASCII glyphs no cell, summary or reason of the table holds a Unicode ellipsis") {
    std::vector<FileStatus> statuses{
        with_state("a-rather-long-file-name-for-a-photo.jpg", UploadState::failed, Error{Stage::limits, long_reason})};
    status::TerminalStyle dumb{40, status::Colouring::plain, status::Glyphs::ascii};
    std::string ascii = status::render_upload_table(statuses, {}, dumb);
    CHECK(ascii.find("\u2026") == std::string::npos);
    CHECK(ascii.find("...") != std::string::npos);
    for (const std::string& line : lines_of_text(ascii)) CHECK(status::display_width(line) <= 39);
    // The proof: the same table in Unicode is cut with the ellipsis.
    std::string unicode = status::render_upload_table(statuses, {}, status::TerminalStyle{40});
    CHECK(unicode.find("\u2026") != std::string::npos);
}

TEST_CASE("a copy's reason names the earlier file as the table names it") {
    std::vector<FileStatus> statuses{with_state("/home/me/shoot/01-cover.jpg", UploadState::uploaded),
                                     with_state("/home/me/shoot/08-again.jpg", UploadState::duplicate)};
    statuses[1].answer_source = upload::AnswerSource::batch_copy;
    statuses[1].copy_of = statuses[0].file;
    std::string named = status::render_upload_table(statuses, {"01-cover.jpg", "08-again.jpg"}, status::TerminalStyle{160});
    CHECK(named.find("same content as 01-cover.jpg earlier in this batch") != std::string::npos);
    CHECK(named.find("/home/me") == std::string::npos);
    std::string by_path = status::render_upload_table(statuses, 160, status::Colouring::plain);
    CHECK(by_path.find("same content as /home/me/shoot/01-cover.jpg earlier") != std::string::npos);
}
