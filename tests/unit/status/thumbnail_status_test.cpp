// The thumbnail status JSON: the documented field names, and nulls where a failure leaves a gap.
#include <doctest/doctest.h>

#include "status/thumbnail_status.hpp"

using namespace bmx;

TEST_CASE("a generated thumbnail's status has every documented field") {
    image::ThumbnailReport report;
    report.file = "photos/cover.png";
    report.path = "thumbs/cover.thumb.jpg";
    report.format = "PNG";
    report.source_width = 1200;
    report.source_height = 800;
    report.width = 300;
    report.height = 200;
    report.warnings = {"file extension .png does not match its content (JPEG)"};
    const auto status = status::thumbnail_status(report);
    CHECK(status["file"] == "photos/cover.png");
    CHECK(status["status"] == "generated");
    CHECK(status["format"] == "png");  // lowercase, as upload's status spells it
    CHECK(status["source_width"] == 1200);
    CHECK(status["source_height"] == 800);
    CHECK(status["width"] == 300);
    CHECK(status["height"] == 200);
    CHECK(status["path"] == "thumbs/cover.thumb.jpg");
    CHECK(status["warnings"].size() == 1);
    CHECK(status["error"].is_null());
    CHECK(status.size() == 10);
}

TEST_CASE("a failed file's status carries the stage and message, and nulls for what is unknown") {
    image::ThumbnailReport report;
    report.file = "notes.pdf";
    report.error = make_error(Stage::format, "not an image (content starts like a PDF)");
    const auto status = status::thumbnail_status(report);
    CHECK(status["status"] == "failed");
    CHECK(status["format"].is_null());
    CHECK(status["width"].is_null());
    CHECK(status["path"].is_null());
    CHECK(status["warnings"].empty());
    CHECK(status["error"]["stage"] == "format");
    CHECK(status["error"]["message"] == "not an image (content starts like a PDF)");
    CHECK(status::thumbnail_statuses(std::vector{report, report}).size() == 2);
}
