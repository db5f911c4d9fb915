// Each failure stage answers with a reason a person can act on; nothing fails silently.
#include <doctest/doctest.h>

#include <cerrno>
#include <chrono>
#include <future>
#include <thread>

#include <sys/stat.h>
#include <unistd.h>

#include "image/read_file.hpp"
#include "image/thumbnail.hpp"
#include "image/thumbnail_write.hpp"
#include "support/image_fixtures.hpp"
#include "support/temp_dir.hpp"

using namespace bmx;
using namespace bmx::testing;

namespace {

Error failure(const Bytes& bytes, image::ThumbnailOptions options = {}) {
    auto thumbnail = image::make_thumbnail(bytes, options);
    REQUIRE_FALSE(thumbnail.ok());
    return thumbnail.error();
}

Error file_failure(const std::filesystem::path& path) {
    auto thumbnail = image::make_thumbnail_from_file(path, image::ThumbnailOptions{});
    REQUIRE_FALSE(thumbnail.ok());
    return thumbnail.error();
}

Bytes cut(const Bytes& bytes, double fraction) {
    return Bytes(bytes.begin(), bytes.begin() + static_cast<long>(bytes.size() * fraction));
}

TestImage noisy(int width, int height) {
    TestImage image = TestImage::filled(width, height, grey);
    unsigned state = 12345;
    for (auto& byte : image.pixels) {
        state = state * 1103515245u + 12345u;
        byte = static_cast<unsigned char>(state >> 24);
    }
    return image;
}

}  // namespace

TEST_CASE("read: a missing file, a directory and a FIFO each say what they are") {
    TempDir dir;
    CHECK(file_failure(dir.path() / "nope.jpg").stage == Stage::read);
    CHECK(file_failure(dir.path() / "nope.jpg").message == "no such file");
    CHECK(file_failure(dir.path()).message == "is a directory");

    const auto fifo = dir.path() / "pipe.jpg";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    // A FIFO with no writer would block a plain open() forever; it must be refused at once.
    auto refused = std::async(std::launch::async, [&] { return file_failure(fifo); });
    REQUIRE(refused.wait_for(std::chrono::seconds(5)) == std::future_status::ready);
    CHECK(refused.get().message == "is a FIFO (named pipe), not a regular file");
}

TEST_CASE("read: an unreadable file is 'permission denied'") {
    CHECK(image::read_error_message(EACCES) == "permission denied");
    if (::geteuid() == 0) return;  // root reads anything; the mapping above still holds
    TempDir dir;
    const auto path = dir.path() / "secret.jpg";
    write_bytes(path, encode_jpeg(TestImage::filled(8, 8, red)));
    ::chmod(path.c_str(), 0);
    CHECK(file_failure(path).message == "permission denied");
}

TEST_CASE("format: a file that is not an image is refused before decoding") {
    const Error error = failure(as_bytes("%PDF-1.4\n1 0 obj\n"));
    CHECK(error.stage == Stage::format);
    CHECK(error.message == "not an image (content starts like a PDF)");
}

TEST_CASE("decode: a truncated JPEG fails instead of giving a grey half-image") {
    const Bytes jpeg = encode_jpeg(noisy(256, 256), 90);
    for (double fraction : {0.2, 0.5, 0.9, 0.999}) {
        CAPTURE(fraction);
        const Error error = failure(cut(jpeg, fraction));
        CHECK(error.stage == Stage::decode);
        CHECK(error.message == "truncated JPEG: data ends early");
    }
}

TEST_CASE("decode: a truncated large JPEG fails on the overlapped decode-and-resize path too") {
    const Bytes jpeg = encode_jpeg(noisy(1600, 1200), 80);
    const Error error = failure(cut(jpeg, 0.7));
    CHECK(error.stage == Stage::decode);
    CHECK(error.message == "truncated JPEG: data ends early");
}

TEST_CASE("decode: a truncated progressive JPEG fails instead of giving a blurry image") {
    const Bytes jpeg = encode_progressive_jpeg(noisy(256, 256));
    const Error error = failure(cut(jpeg, 0.8));
    CHECK(error.stage == Stage::decode);
    CHECK(error.message == "truncated JPEG: data ends early");
}

TEST_CASE("decode: a JPEG whose data is interrupted by a marker is corrupt") {
    Bytes jpeg = encode_jpeg(noisy(128, 128), 90);
    const std::size_t middle = jpeg.size() / 2;
    jpeg[middle] = 0xFF;
    jpeg[middle + 1] = 0xD9;
    const Error error = failure(jpeg);
    CHECK(error.stage == Stage::decode);
    CHECK(error.message.starts_with("corrupt JPEG: "));
}

TEST_CASE("decode: truncated PNG, GIF, BMP and WebP files fail with the format named") {
    const TestImage picture = noisy(64, 64);
    CHECK(failure(cut(encode_png(picture), 0.6)).message == "truncated PNG: data ends early");
    CHECK(failure(cut(encode_bmp(picture), 0.6)).message == "truncated BMP: data ends early");
    CHECK(failure(cut(encode_webp_lossy(picture), 0.6)).message == "truncated WebP: data ends early");
    const Bytes gif = build_gif(16, 16, {red, blue, grey}, {Bytes(256, 1)});
    CHECK(failure(cut(gif, 0.6)).message == "truncated GIF: data ends early");
    CHECK(failure(cut(gif, 0.6)).stage == Stage::decode);
}

// Found by fuzzing: stb_image "decodes" this to 8847x0 pixels, which must not reach the resizer.
TEST_CASE("decode: a PNM whose header ends after the height is refused, not resized from zero rows") {
    const Error error = failure(as_bytes("P6\n8847\n8"));
    CHECK(error.stage == Stage::decode);
    CHECK(error.message.find("PNM") != std::string::npos);
}

TEST_CASE("decode: a PNG with corrupt compressed data is refused") {
    Bytes png = encode_png(noisy(32, 32));
    // Damage the middle of the IDAT data, keeping the length.
    for (std::size_t i = png.size() / 2; i < png.size() / 2 + 16; ++i) png[i] ^= 0x5A;
    const Error error = failure(png);
    CHECK(error.stage == Stage::decode);
    CHECK(error.message.starts_with("corrupt PNG: "));
}

TEST_CASE("encode: a JPEG quality outside 1-100 fails at the encode stage") {
    image::ThumbnailOptions options;
    options.quality = 101;
    const Error error = failure(encode_png(TestImage::filled(4, 4, red)), options);
    CHECK(error.stage == Stage::encode);
    CHECK(error.message == "JPEG quality 101 is outside 1-100");
}

TEST_CASE("write: an output directory that is a file fails at the write stage") {
    TempDir dir;
    write_bytes(dir.path() / "out", as_bytes("a file"));
    auto thumbnail = image::make_thumbnail(encode_png(TestImage::filled(4, 4, red)), {});
    REQUIRE(thumbnail.ok());
    auto written = image::write_thumbnail(*thumbnail, dir.path() / "out" / "a.thumb.jpg");
    REQUIRE_FALSE(written.ok());
    CHECK(written.error().stage == Stage::write);
    CHECK(written.error().message.starts_with("cannot create directory "));
}

TEST_CASE("write: a thumbnail path that is the source file itself is refused") {
    TempDir dir;
    const auto source = dir.path() / "photo.jpg";
    write_bytes(source, encode_jpeg(TestImage::filled(8, 8, red)));
    std::filesystem::create_directory(dir.path() / "out");
    std::filesystem::create_symlink(source, dir.path() / "out" / "photo.thumb.jpg");
    auto path = image::thumbnail_path(source, dir.path() / "out");
    REQUIRE_FALSE(path.ok());
    CHECK(path.error().stage == Stage::write);
    CHECK(path.error().message.ends_with("is the source file itself"));
}
