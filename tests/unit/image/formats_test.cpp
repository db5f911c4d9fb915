// Every input format the server takes becomes an RGB JPEG thumbnail with the right colours.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>

#include "image/thumbnail.hpp"
#include "support/image_fixtures.hpp"

using namespace bmx;
using namespace bmx::testing;

namespace {

image::Thumbnail thumbnail_of(const Bytes& bytes, int size = 300) {
    image::ThumbnailOptions options;
    options.size = size;
    auto thumbnail = image::make_thumbnail(bytes, options);
    if (!thumbnail) FAIL(thumbnail.error().stage << ": " << thumbnail.error().message);
    return std::move(thumbnail).value();
}

// The whole thumbnail is close to one colour.
void check_all(const image::Thumbnail& thumbnail, Rgb colour, int tolerance = 12) {
    const TestImage rgb = decode_jpeg_rgb(thumbnail.jpeg);
    for (int y = 0; y < rgb.height; y += std::max(1, rgb.height / 7))
        for (int x = 0; x < rgb.width; x += std::max(1, rgb.width / 7)) {
            const unsigned char* p = rgb.pixels.data() + (static_cast<std::size_t>(y) * rgb.width + x) * 3;
            CAPTURE(x);
            CAPTURE(y);
            CHECK(std::abs(p[0] - colour.r) <= tolerance);
            CHECK(std::abs(p[1] - colour.g) <= tolerance);
            CHECK(std::abs(p[2] - colour.b) <= tolerance);
        }
}

}  // namespace

TEST_CASE("a JPEG is thumbnailed to fit 300x300 with its aspect ratio kept") {
    const auto thumbnail = thumbnail_of(encode_jpeg(TestImage::filled(1200, 900, red)));
    CHECK(thumbnail.format == "JPEG");
    CHECK(thumbnail.source_width == 1200);
    CHECK(thumbnail.source_height == 900);
    CHECK(thumbnail.width == 300);
    CHECK(thumbnail.height == 225);
    check_all(thumbnail, red, 20);
}

TEST_CASE("a large JPEG decoded at a reduced scale still gives the exact Pillow size") {
    TestImage picture = TestImage::filled(2400, 1600, grey);
    picture.fill_rect(0, 0, 600, 400, red);
    const auto thumbnail = thumbnail_of(encode_jpeg(picture, 90));
    CHECK(thumbnail.width == 300);
    CHECK(thumbnail.height == 200);
    const TestImage rgb = decode_jpeg_rgb(thumbnail.jpeg);
    CHECK(classify(rgb, 20, 20) == Colour::red);
    CHECK(classify(rgb, 250, 150) == Colour::grey);
}

TEST_CASE("a large JPEG gives the same thumbnail, byte for byte, with or without the resize thread") {
    TestImage picture = TestImage::filled(2000, 1500, grey);
    for (int i = 0; i < 20; ++i) picture.fill_rect(i * 97, i * 71, 150, 90, i % 2 ? red : blue);
    const Bytes jpeg = encode_jpeg(picture, 90);
    image::ThumbnailOptions overlapped, sequential;
    sequential.overlap = image::ResizeOverlap::same_thread;
    auto a = image::make_thumbnail(jpeg, overlapped);
    auto b = image::make_thumbnail(jpeg, sequential);
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(a->width == 300);
    CHECK(a->jpeg == b->jpeg);
}

TEST_CASE("a progressive JPEG is decoded at a reduced scale like a baseline one") {
    TestImage picture = TestImage::filled(1600, 1200, grey);
    picture.fill_rect(0, 0, 400, 300, red);
    const auto thumbnail = thumbnail_of(encode_progressive_jpeg(picture));
    CHECK(thumbnail.width == 300);
    CHECK(thumbnail.height == 225);
    const TestImage rgb = decode_jpeg_rgb(thumbnail.jpeg);
    CHECK(classify(rgb, 30, 30) == Colour::red);
    CHECK(classify(rgb, 250, 200) == Colour::grey);
}

TEST_CASE("grey and CMYK JPEGs become RGB thumbnails") {
    const auto grey_jpeg = thumbnail_of(encode_jpeg(TestImage::filled_grey(40, 30, 200)));
    check_all(grey_jpeg, {200, 200, 200}, 4);

    // Adobe CMYK is stored inverted: C=0 is full cyan ink, M=Y=K=255 no ink; cyan on screen.
    const unsigned char cyan_ink[4] = {0, 255, 255, 255};
    const auto cmyk = thumbnail_of(encode_cmyk_jpeg(32, 16, cyan_ink));
    CHECK(cmyk.width == 32);
    check_all(cmyk, {0, 255, 255}, 12);
}

TEST_CASE("PNG in RGB, grey, grey with alpha and palette form is read") {
    check_all(thumbnail_of(encode_png(TestImage::filled(30, 20, blue))), blue, 12);
    check_all(thumbnail_of(encode_png(TestImage::filled_grey(30, 20, 77))), {77, 77, 77}, 4);
    check_all(thumbnail_of(encode_png(TestImage::filled_grey(30, 20, 77, 2))), {77, 77, 77}, 4);
    const Bytes palette_png = build_palette_png(4, 2, {red, blue}, {0, 0, 1, 1, 0, 0, 1, 1});
    const auto palette = thumbnail_of(palette_png);
    CHECK(palette.format == "PNG");
    CHECK(palette.width == 4);
    CHECK(palette.height == 2);
}

TEST_CASE("a GIF is thumbnailed from its first frame") {
    const Bytes gif = build_gif(8, 8, {red, blue, grey}, {Bytes(64, 0), Bytes(64, 1)});
    const auto thumbnail = thumbnail_of(gif);
    CHECK(thumbnail.format == "GIF");
    CHECK(thumbnail.width == 8);
    check_all(thumbnail, red, 40);
}

TEST_CASE("BMP and WebP (lossless, lossy, with alpha) are read") {
    const auto bmp = thumbnail_of(encode_bmp(TestImage::filled(40, 20, blue)));
    CHECK(bmp.format == "BMP");
    check_all(bmp, blue, 12);

    const auto lossless = thumbnail_of(encode_webp_lossless(TestImage::filled(40, 20, red)));
    CHECK(lossless.format == "WebP");
    check_all(lossless, red, 20);
    check_all(thumbnail_of(encode_webp_lossy(TestImage::filled(64, 64, grey))), grey, 8);
    check_all(thumbnail_of(encode_webp_lossless(TestImage::filled_rgba(16, 16, red, 0))), {255, 255, 255}, 3);
}

TEST_CASE("a binary PPM is read through stb_image") {
    Bytes ppm = as_bytes("P6\n# made by a test\n2 2\n255\n");
    for (int i = 0; i < 4; ++i) ppm.insert(ppm.end(), {20, 20, 230});
    const auto thumbnail = thumbnail_of(ppm);
    CHECK(thumbnail.format == "PNM");
    CHECK(thumbnail.width == 2);
    check_all(thumbnail, blue, 20);
}

TEST_CASE("transparency is flattened onto white") {
    check_all(thumbnail_of(encode_png(TestImage::filled_rgba(24, 24, {0, 0, 0}, 0))), {255, 255, 255}, 2);
    // Half-transparent red over white is pink: (255, 128, 128) within JPEG error.
    check_all(thumbnail_of(encode_png(TestImage::filled_rgba(24, 24, {255, 0, 0}, 128))), {255, 127, 127}, 10);
    // A palette PNG whose tRNS makes entry 0 transparent.
    const Bytes png = build_palette_png(2, 2, {red, blue}, {0, 0, 0, 0}, {0, 255});
    check_all(thumbnail_of(png), {255, 255, 255}, 3);
}

TEST_CASE("an image that already fits is never upscaled") {
    const auto thumbnail = thumbnail_of(encode_png(TestImage::filled(50, 40, red)));
    CHECK(thumbnail.width == 50);
    CHECK(thumbnail.height == 40);
    const auto tiny = thumbnail_of(encode_png(TestImage::filled(1, 1, blue)));
    CHECK(tiny.width == 1);
    CHECK(tiny.height == 1);
}

TEST_CASE("1xN and Nx1 images keep a side of one pixel") {
    const auto tall = thumbnail_of(encode_png(TestImage::filled(1, 1000, blue)));
    CHECK(tall.width == 1);
    CHECK(tall.height == 300);
    const auto wide = thumbnail_of(encode_png(TestImage::filled(1000, 1, blue)));
    CHECK(wide.width == 300);
    CHECK(wide.height == 1);
    const auto tall_jpeg = thumbnail_of(encode_jpeg(TestImage::filled(1, 1000, blue)));
    CHECK(tall_jpeg.width == 1);
    CHECK(tall_jpeg.height == 300);
    const auto wide_jpeg = thumbnail_of(encode_jpeg(TestImage::filled(5000, 3, blue)));
    CHECK(wide_jpeg.width == 300);
    CHECK(wide_jpeg.height == 1);
}
