// sniff: formats come from magic bytes, and non-images are named in words a person can act on.
#include <doctest/doctest.h>

#include <string>

#include "image/sniff.hpp"
#include "support/image_fixtures.hpp"

using namespace bmx;
using namespace bmx::testing;

namespace {

std::string sniff_refusal(const Bytes& bytes) {
    auto format = image::sniff(bytes);
    REQUIRE_FALSE(format.ok());
    CHECK(format.error().stage == Stage::format);
    return format.error().message;
}

Bytes with_ftyp(std::string_view major, std::string_view compatible) {
    const std::string box = std::string("\0\0\0\x18" "ftyp", 8) + std::string(major) + std::string(4, '\0') +
                            std::string(compatible) + "miaf";
    return as_bytes(box);
}

}  // namespace

TEST_CASE("every decodable format is recognised from its content") {
    const auto picture = TestImage::filled(8, 8, red);
    CHECK(*image::sniff(encode_jpeg(picture)) == image::Format::jpeg);
    CHECK(*image::sniff(encode_png(picture)) == image::Format::png);
    CHECK(*image::sniff(encode_bmp(picture)) == image::Format::bmp);
    CHECK(*image::sniff(encode_webp_lossless(picture)) == image::Format::webp);
    CHECK(*image::sniff(build_gif(2, 2, {red}, {{0, 0, 0, 0}})) == image::Format::gif);
    CHECK(*image::sniff(as_bytes("P6\n2 2\n255\n")) == image::Format::pnm);
    CHECK(*image::sniff(as_bytes("#?RADIANCE\nFORMAT=32-bit_rle_rgbe\n\n-Y 1 +X 1\n")) == image::Format::hdr);
    CHECK(*image::sniff(as_bytes(std::string("8BPS\0\1", 6))) == image::Format::psd);
}

TEST_CASE("a PDF is refused as not an image, saying it looks like a PDF") {
    CHECK(sniff_refusal(as_bytes("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n")) == "not an image (content starts like a PDF)");
}

TEST_CASE("HEIC and AVIF are refused with advice to convert them") {
    CHECK(sniff_refusal(with_ftyp("heic", "mif1")) == "unsupported format HEIC: convert it to JPEG first");
    CHECK(sniff_refusal(with_ftyp("mif1", "heic")) == "unsupported format HEIC: convert it to JPEG first");
    CHECK(sniff_refusal(with_ftyp("avif", "mif1")) == "unsupported format AVIF: convert it to JPEG first");
}

TEST_CASE("TIFF, ZIP, HTML, text and empty files each get their own reason") {
    CHECK(sniff_refusal(as_bytes(std::string("II*\0\x08\0\0\0", 8))) ==
          "unsupported format TIFF (or a TIFF-based camera RAW file): convert it to JPEG first");
    CHECK(sniff_refusal(as_bytes(std::string("PK\x03\x04\x14\0\0\0", 8))).starts_with("not an image (content starts like a ZIP archive"));
    CHECK(sniff_refusal(as_bytes("\n  <!DOCTYPE html><html><body>Not found</body></html>")) ==
          "not an image (content starts like HTML (a web page))");
    CHECK(sniff_refusal(as_bytes("just some notes\nabout the book\n")) == "not an image (content looks like text)");
    CHECK(sniff_refusal({}) == "empty file (0 bytes)");
    CHECK(sniff_refusal(as_bytes("<svg xmlns=\"http://www.w3.org/2000/svg\"/>")) == "unsupported format SVG: convert it to JPEG first");
}

TEST_CASE("unknown binary content is refused, quoting its first bytes") {
    CHECK(sniff_refusal(Bytes{0x00, 0x01, 0x02, 0xFE, 0x10}) ==
          "not an image (unrecognised content starting with bytes 00 01 02 FE 10)");
}

TEST_CASE("two bytes 'BM' alone do not make a BMP") {
    CHECK(sniff_refusal(as_bytes("BMW service invoice, March\n")) == "not an image (content looks like text)");
}
