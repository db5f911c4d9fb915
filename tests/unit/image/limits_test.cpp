// The pixel limit is checked from the header, before any pixel buffer exists.
#include <doctest/doctest.h>

#include <chrono>

#include "image/limits.hpp"
#include "image/thumbnail.hpp"
#include "support/image_fixtures.hpp"

using namespace bmx;
using namespace bmx::testing;

namespace {

Error refusal(const Bytes& bytes, std::int64_t max_pixels = 100'000'000) {
    image::ThumbnailOptions options;
    options.max_pixels = max_pixels;
    auto thumbnail = image::make_thumbnail(bytes, options);
    REQUIRE_FALSE(thumbnail.ok());
    return thumbnail.error();
}

}  // namespace

// The file holds a header and no pixel data at all: had the engine gone on to decode (and
// allocate 7.5 GB for it), it would have failed at "decode", not at "limits".
TEST_CASE("a PNG declaring 50000x50000 is refused before any pixel buffer is allocated") {
    const auto start = std::chrono::steady_clock::now();
    const Error error = refusal(png_header_only(50000, 50000));
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(100));
    CHECK(error.stage == Stage::limits);
    CHECK(error.message == "image declares 50000x50000 (2500 MP), over the 100 MP limit");
}

TEST_CASE("JPEG, GIF and BMP headers declaring too many pixels are refused the same way") {
    CHECK(refusal(jpeg_header_only(60000, 60000)).message == "image declares 60000x60000 (3600 MP), over the 100 MP limit");
    Bytes gif = build_gif(2, 2, {red}, {Bytes(4, 0)});
    gif[6] = gif[7] = gif[8] = gif[9] = 0xFF;  // logical screen 65535x65535
    CHECK(refusal(gif).stage == Stage::limits);
    Bytes bmp = encode_bmp(TestImage::filled(2, 2, red));
    bmp[18] = bmp[22] = 0x00;
    bmp[19] = bmp[23] = 0x00;
    bmp[20] = bmp[24] = 0x01;  // 65536 x 65536
    CHECK(refusal(bmp).message == "image declares 65536x65536 (4294.97 MP), over the 100 MP limit");
}

TEST_CASE("the limit is an option, applied to complete valid images too") {
    const Bytes png = encode_png(TestImage::filled(100, 100, red));
    const Error error = refusal(png, 5000);
    CHECK(error.stage == Stage::limits);
    CHECK(error.message == "image declares 100x100 (0.01 MP), over the 0.005 MP limit");
    image::ThumbnailOptions options;
    options.max_pixels = 10000;
    CHECK(image::make_thumbnail(png, options).ok());
}

TEST_CASE("a header declaring a zero side is refused at the limits stage") {
    const Error error = refusal(png_header_only(0, 10));
    CHECK(error.stage == Stage::limits);
    CHECK(error.message == "image declares 0x10 pixels, an empty image");
}

TEST_CASE("megapixels in the limit message keep up to two decimals") {
    CHECK(image::check_declared_size(10001, 10001, 100'000'000).error().message ==
          "image declares 10001x10001 (100.02 MP), over the 100 MP limit");
    CHECK(image::check_declared_size(1 << 25, 1, 1LL << 40).error().message.find("maximum") != std::string::npos);
    CHECK(image::check_declared_size(4000, 3000, 100'000'000).ok());
}
