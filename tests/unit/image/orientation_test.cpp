// Every EXIF orientation is applied: a fixture per value, with marker colours in known corners.
#include <doctest/doctest.h>

#include "image/thumbnail.hpp"
#include "support/image_fixtures.hpp"

using namespace bmx;
using namespace bmx::testing;

namespace {

enum class Corner { top_left, top_right, bottom_right, bottom_left };

// Displayed, every fixture is 64x32 with red in the top-left corner and blue in the
// bottom-left. Where those corners are stored, per orientation, is written out from the
// EXIF specification rather than computed, so the test does not share the code's mistakes.
struct Case {
    int orientation;
    Corner red_stored;
    Corner blue_stored;
};
constexpr Case cases[] = {
    {1, Corner::top_left, Corner::bottom_left},     {2, Corner::top_right, Corner::bottom_right},
    {3, Corner::bottom_right, Corner::top_right},   {4, Corner::bottom_left, Corner::top_left},
    {5, Corner::top_left, Corner::top_right},       {6, Corner::bottom_left, Corner::bottom_right},
    {7, Corner::bottom_right, Corner::bottom_left}, {8, Corner::top_right, Corner::top_left},
};

constexpr int shown_width = 64, shown_height = 32, marker = 10;

void paint(TestImage& image, Corner corner, Rgb colour) {
    const int x = corner == Corner::top_left || corner == Corner::bottom_left ? 0 : image.width - marker;
    const int y = corner == Corner::top_left || corner == Corner::top_right ? 0 : image.height - marker;
    image.fill_rect(x, y, marker, marker, colour);
}

Bytes stored_fixture(const Case& fixture) {
    const bool swapped = fixture.orientation >= 5;
    TestImage stored = TestImage::filled(swapped ? shown_height : shown_width, swapped ? shown_width : shown_height, grey);
    paint(stored, fixture.red_stored, red);
    paint(stored, fixture.blue_stored, blue);
    return with_segment_after_soi(encode_jpeg(stored), exif_app1(fixture.orientation, fixture.orientation % 2 == 0));
}

void check_displayed(const image::Thumbnail& thumbnail, int width, int height, int inset) {
    REQUIRE(thumbnail.width == width);
    REQUIRE(thumbnail.height == height);
    const TestImage shown = decode_jpeg_rgb(thumbnail.jpeg);
    CHECK(classify(shown, inset, inset) == Colour::red);
    CHECK(classify(shown, inset, height - 1 - inset) == Colour::blue);
    CHECK(classify(shown, width - 1 - inset, inset) == Colour::grey);
    CHECK(classify(shown, width - 1 - inset, height - 1 - inset) == Colour::grey);
}

}  // namespace

TEST_CASE("each EXIF orientation 1-8 puts the marker corners where a viewer shows them") {
    for (const Case& fixture : cases) {
        CAPTURE(fixture.orientation);
        auto thumbnail = image::make_thumbnail(stored_fixture(fixture), image::ThumbnailOptions{});
        REQUIRE(thumbnail.ok());
        CHECK(thumbnail->source_width == shown_width);
        CHECK(thumbnail->source_height == shown_height);
        check_displayed(*thumbnail, shown_width, shown_height, 3);
    }
}

TEST_CASE("orientation and downscaling together give the displayed aspect at the new size") {
    image::ThumbnailOptions options;
    options.size = 32;
    for (const Case& fixture : cases) {
        CAPTURE(fixture.orientation);
        auto thumbnail = image::make_thumbnail(stored_fixture(fixture), options);
        REQUIRE(thumbnail.ok());
        check_displayed(*thumbnail, 32, 16, 1);
    }
}

TEST_CASE("an orientation value outside 1-8 is ignored with a warning") {
    const Bytes jpeg = with_segment_after_soi(encode_jpeg(TestImage::filled(20, 10, grey)), exif_app1(9));
    auto thumbnail = image::make_thumbnail(jpeg, image::ThumbnailOptions{});
    REQUIRE(thumbnail.ok());
    CHECK(thumbnail->width == 20);
    REQUIRE(thumbnail->warnings.size() == 1);
    CHECK(thumbnail->warnings[0] == "EXIF orientation 9 is not 1-8; shown as stored");
}
