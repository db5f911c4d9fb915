// Batches: every file gets a report, in input order, announced once as it finishes.
#include <doctest/doctest.h>

#include <set>

#include "image/thumbnail_batch.hpp"
#include "support/image_fixtures.hpp"
#include "support/temp_dir.hpp"

using namespace bmx;
using namespace bmx::testing;

TEST_CASE("a mixed batch reports each file in input order and writes the good ones") {
    TempDir dir;
    std::vector<std::filesystem::path> files;
    for (int i = 0; i < 12; ++i) {
        const auto path = dir.path() / ("photo" + std::to_string(i) + (i % 3 == 2 ? ".pdf" : ".jpg"));
        if (i % 3 == 2)
            write_bytes(path, as_bytes("%PDF-1.4\n"));
        else
            write_bytes(path, encode_jpeg(TestImage::filled(40 + i, 30, red)));
        files.push_back(path);
    }
    files.push_back(dir.path() / "missing.jpg");

    image::BatchOptions options;
    options.out_dir = dir.path() / "thumbs";
    options.jobs = 3;
    std::set<std::size_t> announced;
    const auto reports = image::run_thumbnail_batch(files, options, [&](std::size_t index, const image::ThumbnailReport& report) {
        CHECK(announced.insert(index).second);
        CHECK(report.file == files[index]);
    });

    REQUIRE(reports.size() == files.size());
    CHECK(announced.size() == files.size());
    for (std::size_t i = 0; i < 12; ++i) {
        CAPTURE(i);
        CHECK(reports[i].file == files[i]);
        if (i % 3 == 2) {
            REQUIRE(reports[i].error.has_value());
            CHECK(reports[i].error->stage == Stage::format);
            CHECK(reports[i].format.empty());
            continue;
        }
        REQUIRE(reports[i].generated());
        CHECK(reports[i].format == "JPEG");
        CHECK(reports[i].width == 40 + static_cast<int>(i));
        CHECK(std::filesystem::exists(reports[i].path));
        CHECK(reports[i].path.filename() == "photo" + std::to_string(i) + ".thumb.jpg");
    }
    CHECK(reports.back().error->stage == Stage::read);
}

TEST_CASE("a failed decode still reports the format it sniffed") {
    TempDir dir;
    const Bytes jpeg = encode_jpeg(TestImage::filled(64, 64, red));
    write_bytes(dir.path() / "cut.jpg", std::span(jpeg.data(), jpeg.size() / 2));
    image::BatchOptions options;
    options.out_dir = dir.path();
    const auto reports = image::run_thumbnail_batch({dir.path() / "cut.jpg"}, options);
    REQUIRE(reports[0].error.has_value());
    CHECK(reports[0].error->stage == Stage::decode);
    CHECK(reports[0].format == "JPEG");
}

TEST_CASE("two inputs with the same stem do not overwrite each other's thumbnail") {
    TempDir dir;
    std::filesystem::create_directory(dir.path() / "a");
    write_bytes(dir.path() / "a" / "cover.jpg", encode_jpeg(TestImage::filled(8, 8, red)));
    write_bytes(dir.path() / "cover.png", encode_png(TestImage::filled(8, 8, blue)));
    image::BatchOptions options;
    options.out_dir = dir.path() / "out";
    options.jobs = 2;
    const auto reports = image::run_thumbnail_batch({dir.path() / "a" / "cover.jpg", dir.path() / "cover.png"}, options);
    CHECK(reports[0].generated());
    REQUIRE(reports[1].error.has_value());
    CHECK(reports[1].error->stage == Stage::write);
    CHECK(reports[1].error->message.find("is already used by") != std::string::npos);
}
