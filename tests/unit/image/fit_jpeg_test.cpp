// upload --fit's image half: fit_jpeg re-encodes a photo to at most a byte budget, quality
// 95/92/90 at full size first, then quality 90 downscaled only as far as needed, upright.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <string>

#include "core/counting_budget.hpp"
#include "image/decode_memory.hpp"
#include "image/fit_jpeg.hpp"
#include "image/jpeg_encode.hpp"
#include "image/resize.hpp"
#include "image/upright_decode.hpp"
#include "support/camera_photo.hpp"
#include "support/image_fixtures.hpp"
#include "support/text.hpp"

using namespace bmx;
using namespace bmx::testing;

namespace {

Result<image::FittedImage> fit_into(const Bytes& bytes, std::size_t max_bytes,
                                    const image::DecodeControl& decode = {}) {
    image::FitOptions options;
    options.max_bytes = max_bytes;
    options.decode = decode;
    return image::fit_jpeg(bytes, options);
}

// What the fitted JPEG says about itself, decoded independently of the code under test.
void check_reported_size(const image::FittedImage& fitted) {
    const TestImage decoded = decode_jpeg_rgb(fitted.jpeg);
    CHECK(decoded.width == fitted.width);
    CHECK(decoded.height == fitted.height);
}

bool has_exif(const Bytes& jpeg) {
    const std::string text(jpeg.begin(), jpeg.end());
    return text.find(std::string("Exif\0\0", 6)) != std::string::npos;
}

// The frame marker: SOF0 for baseline, SOF2 for progressive (the first one found).
bool is_baseline(const Bytes& jpeg) {
    for (std::size_t i = 2; i + 1 < jpeg.size(); ++i)
        if (jpeg[i] == 0xFF && (jpeg[i + 1] == 0xC0 || jpeg[i + 1] == 0xC2)) return jpeg[i + 1] == 0xC0;
    return false;
}

// A photo big enough that its quality-90 JPEG at full size is far over the budgets below.
const Bytes& big_photo() {
    static const Bytes photo = camera_jpeg(1600, 1200, 2);
    return photo;
}

}  // namespace

TEST_CASE("fit: a noisy photo over the budget comes out at most max_bytes, quality 90, downscaled with its aspect") {
    const Bytes& source = big_photo();
    const std::size_t budget = source.size() / 3;
    auto fitted = fit_into(source, budget);
    REQUIRE(fitted.ok());
    CHECK(fitted->jpeg.size() <= budget);
    CHECK(fitted->quality == 90);
    CHECK(fitted->width < 1600);
    CHECK(fitted->width > 400);
    // 4:3 kept, to Pillow's rounding of the short side.
    CHECK(std::abs(fitted->height * 4 - fitted->width * 3) <= 4);
    CHECK(fitted->encodes <= 3 + 8);
    CHECK(is_baseline(fitted->jpeg));
    check_reported_size(*fitted);
    CHECK(decode_jpeg_rgb(fitted->jpeg).pixels.size() == static_cast<std::size_t>(fitted->width) * fitted->height * 3);
}

TEST_CASE("fit: the downscale goes only as far as needed, a 2 percent larger copy would not fit") {
    const Bytes& source = big_photo();
    const std::size_t budget = source.size() / 3;
    auto fitted = fit_into(source, budget);
    REQUIRE(fitted.ok());
    auto upright = image::decode_upright(source, {});
    REQUIRE(upright.ok());
    const int larger = std::max(fitted->width, fitted->height) * 102 / 100;
    const image::Size bigger_size = image::fit_within(upright->pixels.size(), larger);
    auto bigger = image::encode_jpeg(image::resize_srgb(upright->pixels, bigger_size), 90);
    REQUIRE(bigger.ok());
    CHECK(bigger->size() > budget);
}

TEST_CASE("fit: a photo that fits at quality 95 at full size is not downscaled, and 92 comes before 90") {
    const Bytes source = camera_jpeg(640, 480, 3);
    auto roomy = fit_into(source, 10'000'000);
    REQUIRE(roomy.ok());
    CHECK(roomy->quality == 95);
    CHECK(roomy->width == 640);
    CHECK(roomy->height == 480);
    CHECK(roomy->encodes == 1);
    check_reported_size(*roomy);

    // One byte less than quality 95 weighs: 92 is the next step, still at full size.
    auto tighter = fit_into(source, roomy->jpeg.size() - 1);
    REQUIRE(tighter.ok());
    CHECK(tighter->quality == 92);
    CHECK(tighter->width == 640);
    CHECK(tighter->height == 480);
    CHECK(tighter->encodes == 2);
    CHECK(tighter->jpeg.size() < roomy->jpeg.size());
}

TEST_CASE("fit: EXIF orientation 6 is applied to the pixels, the output is portrait and carries no EXIF") {
    // Stored 200x100 landscape; displayed (rotated 90 clockwise) 100x200 with red at the top
    // left and blue at the bottom left. Where they are stored is written out from the EXIF
    // specification: displayed top-left is stored bottom-left, displayed bottom-left is
    // stored bottom-right.
    TestImage stored = TestImage::filled(200, 100, grey);
    stored.fill_rect(0, 100 - 20, 20, 20, red);
    stored.fill_rect(200 - 20, 100 - 20, 20, 20, blue);
    // Progressive in, baseline out.
    const Bytes source = with_segment_after_soi(encode_progressive_jpeg(stored), exif_app1(6));
    REQUIRE_FALSE(is_baseline(source));
    REQUIRE(has_exif(source));

    auto fitted = fit_into(source, 1'000'000);
    REQUIRE(fitted.ok());
    REQUIRE(fitted->width == 100);
    REQUIRE(fitted->height == 200);
    CHECK_FALSE(has_exif(fitted->jpeg));
    CHECK(is_baseline(fitted->jpeg));
    const TestImage shown = decode_jpeg_rgb(fitted->jpeg);
    REQUIRE(shown.width == 100);
    CHECK(classify(shown, 5, 5) == Colour::red);
    CHECK(classify(shown, 5, 194) == Colour::blue);
    CHECK(classify(shown, 94, 5) == Colour::grey);
    CHECK(classify(shown, 94, 194) == Colour::grey);
}

TEST_CASE("fit: a PNG with transparency is flattened on white") {
    // Left half opaque red, right half fully transparent red.
    TestImage rgba = TestImage::filled_rgba(80, 60, red, 0);
    for (int y = 0; y < 60; ++y)
        for (int x = 0; x < 40; ++x) rgba.at(x, y)[3] = 255;
    auto fitted = fit_into(encode_png(rgba), 1'000'000);
    REQUIRE(fitted.ok());
    CHECK(fitted->width == 80);
    CHECK(fitted->height == 60);
    const TestImage shown = decode_jpeg_rgb(fitted->jpeg);
    CHECK(classify(shown, 10, 30) == Colour::red);
    CHECK(classify(shown, 70, 30) == Colour::white);
}

TEST_CASE("fit: the same bytes and options give identical output bytes") {
    const Bytes& source = big_photo();
    const std::size_t budget = source.size() / 3;
    auto first = fit_into(source, budget);
    auto second = fit_into(source, budget);
    REQUIRE(first.ok());
    REQUIRE(second.ok());
    CHECK(first->width < 1600);  // the downscale search ran, not only the quality ladder
    CHECK(first->jpeg == second->jpeg);
    CHECK(first->width == second->width);
    CHECK(first->quality == second->quality);
}

TEST_CASE("fit: a budget even the smallest size cannot meet is stage limits, naming the sizes") {
    auto refused = fit_into(camera_jpeg(640, 480, 4), 500);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().stage == Stage::limits);
    CHECK(contains(refused.error().message,
                   "cannot fit this 640x480 image into 500 bytes: even at 64x48 and JPEG quality 90 it is "));

    // Smaller than the 64-pixel floor to begin with: tried at its own size, never upscaled.
    auto tiny = fit_into(camera_jpeg(40, 30, 5), 200);
    REQUIRE_FALSE(tiny.ok());
    CHECK(tiny.error().stage == Stage::limits);
    CHECK(contains(tiny.error().message,
                   "cannot fit this 40x30 image into 200 bytes: even at 40x30 and JPEG quality 90"));
}

TEST_CASE("fit: a Ctrl-C seen through the token is stage cancelled and gives the budget back") {
    std::atomic<int> interrupts{1};
    CountingBudget budget(256 << 20);
    image::DecodeControl decode;
    decode.cancel = CancelToken(interrupts);
    decode.budget = &budget;
    auto cancelled = fit_into(camera_jpeg(320, 240, 6), 1000, decode);
    REQUIRE_FALSE(cancelled.ok());
    CHECK(cancelled.error().stage == Stage::cancelled);
    CHECK(budget.held() == 0);
}

TEST_CASE("fit: the decode budget share covers the encoder's buffers too, and is given back") {
    const Bytes source = camera_jpeg(320, 240, 7);
    const auto decode_alone = image::decode_memory_bytes(image::Format::jpeg, source, {320, 240}, {320, 240});
    const std::size_t max_bytes = 100'000;
    // Room for the decode and the kept result, not for the encoder's buffer of about 3 bytes
    // a pixel beside them: refused before any pixel exists.
    CountingBudget tight(decode_alone.bytes + max_bytes + 320 * 240);
    image::DecodeControl decode;
    decode.budget = &tight;
    auto refused = fit_into(source, max_bytes, decode);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().stage == Stage::limits);
    CHECK(contains(refused.error().message, "--max-decode-mib"));
    CHECK(tight.held() == 0);

    CountingBudget roomy(decode_alone.bytes + max_bytes + 3 * 320 * 240);
    decode.budget = &roomy;
    CHECK(fit_into(source, max_bytes, decode).ok());
    CHECK(roomy.held() == 0);
}

TEST_CASE("fit: a zero budget is a usage error") {
    auto refused = fit_into(camera_jpeg(64, 48, 8), 0);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().stage == Stage::usage);
}
