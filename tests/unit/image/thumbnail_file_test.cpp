// Thumbnails from files: naming, extension warnings, atomic writes, never the source.
#include <doctest/doctest.h>

#include "image/thumbnail.hpp"
#include "image/thumbnail_write.hpp"
#include "support/image_fixtures.hpp"
#include "support/temp_dir.hpp"

using namespace bmx;
using namespace bmx::testing;

TEST_CASE("the thumbnail of photo.jpeg is <out>/photo.thumb.jpg") {
    auto path = image::thumbnail_path("/books/42/photo.jpeg", "/tmp/thumbs");
    REQUIRE(path.ok());
    CHECK(*path == std::filesystem::path("/tmp/thumbs/photo.thumb.jpg"));
}

TEST_CASE("a JPEG named .png is thumbnailed, with a warning about the extension") {
    TempDir dir;
    const auto source = dir.path() / "scan.png";
    write_bytes(source, encode_jpeg(TestImage::filled(20, 10, red)));
    auto thumbnail = image::make_thumbnail_from_file(source, {});
    REQUIRE(thumbnail.ok());
    CHECK(thumbnail->format == "JPEG");
    REQUIRE(thumbnail->warnings.size() == 1);
    CHECK(thumbnail->warnings[0] == "file extension .png does not match its content (JPEG)");
}

TEST_CASE("an upper-case or alternative extension of the right format is no warning") {
    TempDir dir;
    for (const char* name : {"a.JPG", "b.jpeg", "c.jfif"}) {
        write_bytes(dir.path() / name, encode_jpeg(TestImage::filled(4, 4, red)));
        auto thumbnail = image::make_thumbnail_from_file(dir.path() / name, {});
        REQUIRE(thumbnail.ok());
        CHECK(thumbnail->warnings.empty());
    }
}

TEST_CASE("write_thumbnail creates the directory and leaves no partial file behind") {
    TempDir dir;
    auto thumbnail = image::make_thumbnail(encode_png(TestImage::filled(10, 10, blue)), {});
    REQUIRE(thumbnail.ok());
    const auto out = dir.path() / "new" / "dir" / "x.thumb.jpg";
    REQUIRE(image::write_thumbnail(*thumbnail, out).ok());
    CHECK(std::filesystem::file_size(out) == thumbnail->jpeg.size());
    int files = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(out.parent_path())) ++files;
    CHECK(files == 1);
}
