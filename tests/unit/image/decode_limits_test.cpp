// The bounds on one decode: a PNG's data may inflate only to what its header implies, a
// progressive JPEG may have only so many scans, a decode takes its share of the batch's memory
// budget first, and a Ctrl-C stops it.
#include <doctest/doctest.h>

#include <atomic>
#include <string>

#include "core/counting_budget.hpp"
#include "image/decode_memory.hpp"
#include "image/jpeg_decode.hpp"
#include "image/png_layout.hpp"
#include "image/thumbnail.hpp"
#include "support/bomb_fixtures.hpp"
#include "support/image_fixtures.hpp"
#include "support/text.hpp"

using namespace bmx;
using namespace bmx::testing;

namespace {

Result<image::Thumbnail> bounded_thumbnail(const Bytes& bytes, const image::DecodeControl& decode = {}) {
    image::ThumbnailOptions options;
    options.decode = decode;
    return image::make_thumbnail(bytes, options);
}

// Red, in 16 bits per sample where asked (230 * 257 keeps the high byte 230); alpha opaque.
unsigned red_sample(std::uint32_t, std::uint32_t, int c) {
    static constexpr unsigned rgba[] = {230 * 257, 20 * 257, 20 * 257, 65535};
    return rgba[c];
}

Colour centre_colour(const image::Thumbnail& thumbnail) {
    const TestImage rgb = decode_jpeg_rgb(thumbnail.jpeg);
    return classify(rgb, rgb.width / 2, rgb.height / 2);
}

}  // namespace

TEST_CASE("a PNG declaring 1x1 whose data inflates to 64 MiB is refused with stage limits") {
    const Bytes bomb = png_inflate_bomb(1, 1, 64u << 20);
    CHECK(bomb.size() < 200 * 1024);
    auto thumbnail = bounded_thumbnail(bomb);
    REQUIRE_FALSE(thumbnail.ok());
    CHECK(thumbnail.error().stage == Stage::limits);
    CHECK(thumbnail.error().message ==
          "PNG image data inflates past the 4 bytes its header (1x1, 8-bit RGB) implies: a decompression bomb or a "
          "corrupt file; it was not decoded");
}

TEST_CASE("a PNG whose data inflates one byte past its header is refused, and one that fits decodes") {
    // 3x2 8-bit RGB: 2 rows of a filter byte and 9 sample bytes.
    CHECK(bounded_thumbnail(png_inflate_bomb(3, 2, 20)).ok());
    auto over = bounded_thumbnail(png_inflate_bomb(3, 2, 21));
    REQUIRE_FALSE(over.ok());
    CHECK(over.error().stage == Stage::limits);
}

TEST_CASE("the inflated size of an Adam7 PNG is the sum of its passes, empty passes left out") {
    image::PngLayout layout;
    layout.bit_depth = 8;
    layout.colour_type = 2;
    layout.interlaced = true;
    layout.width = layout.height = 1;
    CHECK(image::png_inflated_bytes(layout) == 4);  // only the first pass has a pixel
    layout.width = layout.height = 8;
    // Passes (w x h): 1x1, 1x1, 2x1, 2x2, 4x2, 4x4, 8x4; each row 1 + 3w bytes.
    CHECK(image::png_inflated_bytes(layout) == 4 + 4 + 7 + 2 * 7 + 2 * 13 + 4 * 13 + 4 * 25);
    layout.interlaced = false;
    CHECK(image::png_inflated_bytes(layout) == 8 * 25);
}

TEST_CASE("valid PNGs still decode: Adam7, 16-bit, grey and alpha, at odd sizes") {
    for (bool interlaced : {false, true})
        for (int depth : {8, 16})
            for (int colour_type : {0, 2, 4, 6})
                for (std::uint32_t side : {1u, 3u, 9u, 33u}) {
                    CAPTURE(interlaced);
                    CAPTURE(depth);
                    CAPTURE(colour_type);
                    CAPTURE(side);
                    const PngSpec spec{side, side + 2, depth, colour_type, interlaced};
                    auto thumbnail = bounded_thumbnail(build_png(spec, red_sample));
                    REQUIRE(thumbnail.ok());
                    if (colour_type == 2 || colour_type == 6) CHECK(centre_colour(*thumbnail) == Colour::red);
                }
}

TEST_CASE("zlib data that does not inflate in a PNG is refused as corrupt, not left to stb_image") {
    Bytes png = build_png(PngSpec{16, 16, 8, 2, false}, red_sample);
    // The first IDAT's data starts after the signature (8), IHDR (25) and the IDAT's length and
    // type (8); two bytes in is the first deflate block header: make it the reserved type 3.
    png[8 + 25 + 8 + 2] = 0x07;
    auto thumbnail = bounded_thumbnail(png);
    REQUIRE_FALSE(thumbnail.ok());
    CHECK(thumbnail.error().stage == Stage::decode);
    CHECK(contains(thumbnail.error().message, "corrupt PNG"));
}

TEST_CASE("the decode memory model counts a 16-bit RGBA PNG at stb_image's peak") {
    const Bytes png = build_png(PngSpec{100, 100, 16, 6, false}, red_sample);
    const auto cost = image::decode_memory_bytes(image::Format::png, png, {100, 100}, {100, 100});
    // The inflated rows (100 x (1 + 800)) and the 16-bit image (100 x 100 x 8) held together.
    CHECK(cost.bytes == 80100 + 80000);
    CHECK(cost.what == "100x100 PNG, 16-bit RGBA");
}

TEST_CASE("the decode memory model counts a progressive JPEG's coefficients at full size") {
    const TestImage image = gradient(800, 600, 1);
    const auto baseline = image::decode_memory_bytes(image::Format::jpeg, encode_jpeg(image), {800, 600}, {300, 225});
    const auto progressive =
        image::decode_memory_bytes(image::Format::jpeg, encode_progressive_jpeg(image), {800, 600}, {300, 225});
    // 4:2:0: luma 100 x 75 blocks (rows rounded up to its sampling factor 2: 76), each chroma
    // 50 x 38 (rounded up), 128 bytes a block.
    CHECK(progressive.bytes - baseline.bytes == (100 * 76 + 2 * 50 * 38) * 128);
}

TEST_CASE("an image needing more than the whole decode budget is refused, naming both sizes and the option") {
    CountingBudget budget(1 << 20);
    image::DecodeControl decode;
    decode.budget = &budget;
    auto thumbnail = bounded_thumbnail(build_png(PngSpec{1000, 1000, 8, 2, false}, red_sample), decode);
    REQUIRE_FALSE(thumbnail.ok());
    CHECK(thumbnail.error().stage == Stage::limits);
    CHECK(thumbnail.error().message ==
          "decoding this image (1000x1000 PNG, 8-bit RGB) needs about 6 MiB, more than the whole 1 MiB decode budget; "
          "raise it with --max-decode-mib 6 or more");
    CHECK(budget.held() == 0);
}

TEST_CASE("a decode gives its budget share back when it is done, and after a failure") {
    CountingBudget budget(64 << 20);
    image::DecodeControl decode;
    decode.budget = &budget;
    CHECK(bounded_thumbnail(build_png(PngSpec{200, 100, 8, 2, false}, red_sample), decode).ok());
    CHECK(budget.held() == 0);
    Bytes truncated = encode_jpeg(gradient(200, 100, 2));
    truncated.resize(truncated.size() / 2);
    CHECK_FALSE(bounded_thumbnail(truncated, decode).ok());
    CHECK(budget.held() == 0);
}

TEST_CASE("a progressive JPEG with more scans than the limit is refused with stage limits") {
    const TestImage image = gradient(64, 48, 3);
    const Bytes many = encode_many_scan_jpeg(image);
    CHECK(many_scan_count() == 2090);
    auto refused = bounded_thumbnail(many);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().stage == Stage::limits);
    CHECK(contains(refused.error().message, "more than 100 scans"));
    CHECK(contains(refused.error().message, "--max-jpeg-scans"));

    image::DecodeControl generous;
    generous.max_jpeg_scans = 2090;
    CHECK(bounded_thumbnail(many, generous).ok());

    // libjpeg's simple progression for YCbCr writes 10 scans.
    const Bytes ten = encode_progressive_jpeg(image);
    image::DecodeControl five;
    five.max_jpeg_scans = 5;
    auto over = bounded_thumbnail(ten, five);
    REQUIRE_FALSE(over.ok());
    CHECK(over.error().stage == Stage::limits);
    image::DecodeControl exactly_ten;
    exactly_ten.max_jpeg_scans = 10;
    CHECK(bounded_thumbnail(ten, exactly_ten).ok());
}

TEST_CASE("a Ctrl-C seen through the token stops a JPEG decode with stage cancelled") {
    std::atomic<int> interrupts{1};
    image::DecodeControl decode;
    decode.cancel = CancelToken(interrupts);
    for (const Bytes& jpeg : {encode_jpeg(gradient(64, 48, 4)), encode_progressive_jpeg(gradient(64, 48, 4))}) {
        auto decoded = image::decode_jpeg(jpeg, image::ScaleFactor{}, decode);
        REQUIRE_FALSE(decoded.ok());
        CHECK(decoded.error().stage == Stage::cancelled);
    }
    auto thumbnail = bounded_thumbnail(build_png(PngSpec{16, 16, 8, 2, false}, red_sample), decode);
    REQUIRE_FALSE(thumbnail.ok());
    CHECK(thumbnail.error().stage == Stage::cancelled);
}
