// The EXIF and JPEG header readers: correct on good input, and never out of bounds on bad.
#include <doctest/doctest.h>

#include <random>

#include "image/exif_orientation.hpp"
#include "image/jpeg_markers.hpp"
#include "support/image_fixtures.hpp"

using namespace bmx;
using namespace bmx::testing;

namespace {

// The APP1 payload without marker and length: "Exif\0\0" + TIFF.
Bytes exif_payload(int orientation, bool big_endian) {
    const Bytes segment = exif_app1(orientation, big_endian);
    return Bytes(segment.begin() + 4, segment.end());
}

}  // namespace

TEST_CASE("EXIF orientation is read from big- and little-endian TIFF blocks") {
    for (int value = 1; value <= 8; ++value) {
        CHECK(image::exif_orientation(exif_payload(value, true)) == value);
        CHECK(image::exif_orientation(exif_payload(value, false)) == value);
    }
}

TEST_CASE("a JPEG's header gives its size and EXIF orientation without decoding") {
    const Bytes jpeg = with_segment_after_soi(encode_jpeg(TestImage::filled(40, 24, grey)), exif_app1(6));
    auto header = image::read_jpeg_header(jpeg);
    REQUIRE(header.ok());
    CHECK(header->width == 40);
    CHECK(header->height == 24);
    CHECK(header->components == 3);
    CHECK(header->exif_orientation == 6);
}

TEST_CASE("every truncation of an EXIF block answers no orientation instead of reading past the end") {
    const Bytes payload = exif_payload(6, true);
    for (std::size_t length = 0; length < payload.size(); ++length) {
        const auto cut = image::exif_orientation(std::span(payload.data(), length));
        // The value lives in the last 8 bytes; any shorter block must say "none".
        if (length < payload.size() - 6) CHECK_FALSE(cut.has_value());
    }
}

TEST_CASE("an IFD offset or entry count pointing far outside the block is ignored") {
    Bytes payload = exif_payload(3, true);
    payload[6 + 4] = 0xFF;  // IFD0 offset 0xFF000008
    CHECK_FALSE(image::exif_orientation(payload).has_value());
    payload = exif_payload(3, true);
    payload[6 + 8] = 0xFF;  // entry count 0xFF01
    payload[6 + 9] = 0x01;
    CHECK(image::exif_orientation(payload) == 3);  // the real entry comes first
    payload[6 + 10] = 0;                           // ... unless it is not the orientation tag
    CHECK_FALSE(image::exif_orientation(payload).has_value());
}

TEST_CASE("random damage to a JPEG gives a header or an error with a stage, and never an orientation from nowhere") {
    // Out-of-bounds reads are the sanitizer build's to catch; here every answer must make sense.
    std::mt19937 random(42);
    std::uniform_int_distribution<int> byte(0, 255);
    const Bytes valid = with_segment_after_soi(encode_jpeg(TestImage::filled(16, 16, grey)), exif_app1(8));
    int headers_read = 0, headers_refused = 0;
    for (int round = 0; round < 2000; ++round) {
        Bytes mutated = valid;
        const int flips = 1 + round % 8;
        for (int i = 0; i < flips; ++i)
            mutated[static_cast<std::size_t>(random()) % mutated.size()] = static_cast<unsigned char>(byte(random));
        mutated.resize(static_cast<std::size_t>(random()) % (mutated.size() + 1));
        CAPTURE(round);

        const auto header = image::read_jpeg_header(mutated);
        if (header.ok()) {
            ++headers_read;
            CHECK((mutated[0] == 0xFF && mutated[1] == 0xD8));  // a header only after a start-of-image marker
            CHECK((header->components == 1 || header->components == 3 || header->components == 4));
        } else {
            ++headers_refused;
            CHECK((header.error().stage == bmx::Stage::decode || header.error().stage == bmx::Stage::format));
            CHECK_FALSE(header.error().message.empty());
        }
        // A whole JPEG is no EXIF block: it starts with neither "Exif\0\0" nor a TIFF byte order.
        if (mutated.size() >= 2 && mutated[0] == 0xFF) CHECK_FALSE(image::exif_orientation(mutated).has_value());
        if (mutated.size() > 6) (void)image::exif_orientation(std::span(mutated).subspan(6));
    }
    // The damage left some headers readable and broke others: both paths ran.
    CHECK(headers_read > 100);
    CHECK(headers_refused > 100);
}

TEST_CASE("a JPEG cut inside its header is truncated, and lossless or 12-bit JPEG is unsupported") {
    const Bytes jpeg = encode_jpeg(TestImage::filled(16, 16, grey));
    auto cut = image::read_jpeg_header(std::span(jpeg.data(), 40));
    REQUIRE_FALSE(cut.ok());
    CHECK(cut.error().stage == Stage::decode);
    CHECK(cut.error().message == "truncated JPEG: data ends early");

    Bytes lossless = jpeg_header_only(16, 16);
    lossless[3] = 0xC3;
    auto refused = image::read_jpeg_header(lossless);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().stage == Stage::format);
    CHECK(refused.error().message.starts_with("unsupported format lossless JPEG"));
}
