// Sizing matches Pillow's thumbnail, resampling is in linear light, and band-wise resizing
// (which overlaps JPEG decoding) gives exactly the whole-image result.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>

#include "image/jpeg_scale.hpp"
#include "image/resize.hpp"

using namespace bmx::image;

namespace {

Pixels pattern(int width, int height) {
    Pixels pixels = Pixels::allocate(width, height, 3);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            unsigned char* p = pixels.row(y) + x * 3;
            p[0] = static_cast<unsigned char>((x * 7 + y * 3) & 0xFF);
            p[1] = static_cast<unsigned char>((x ^ y) & 0xFF);
            p[2] = static_cast<unsigned char>((x * y) & 0xFF);
        }
    return pixels;
}

}  // namespace

TEST_CASE("thumbnail sizes are rounded exactly as Pillow's Image.thumbnail rounds them") {
    // {width, height, box, expected width, expected height}, from Pillow 9.4.
    const int cases[][5] = {
        {4000, 3000, 300, 300, 225}, {3000, 4000, 300, 225, 300}, {1000, 1, 300, 300, 1},
        {1, 1000, 300, 1, 300},      {301, 300, 300, 300, 299},   {300, 301, 300, 299, 300},
        {1001, 1000, 300, 300, 300}, {640, 480, 300, 300, 225},   {299, 100, 300, 299, 100},
        {1920, 1080, 300, 300, 169}, {1080, 1920, 300, 169, 300}, {333, 1000, 300, 100, 300},
        {7, 3, 2, 2, 1},             {1366, 768, 300, 300, 169},  {5000, 3, 300, 300, 1},
        {3, 5000, 300, 1, 300},      {601, 401, 300, 300, 200},
    };
    for (const auto& c : cases) {
        CAPTURE(c[0]);
        CAPTURE(c[1]);
        CHECK(fit_within({c[0], c[1]}, c[2]) == Size{c[3], c[4]});
    }
}

TEST_CASE("JPEGs are decoded at the smallest 1/8 step that keeps twice the thumbnail size") {
    CHECK(choose_jpeg_scale({4000, 3000}, {300, 225}).numerator == 2);  // 1000x750
    CHECK(choose_jpeg_scale({6000, 4000}, {300, 200}).numerator == 1);  // 750x500
    CHECK(choose_jpeg_scale({1200, 900}, {300, 225}).numerator == 4);   // 600x450
    CHECK(choose_jpeg_scale({640, 480}, {300, 225}).numerator == 8);    // already small
    CHECK(choose_jpeg_scale({1, 1000}, {1, 300}).numerator == 8);
    CHECK(scaled_size({4000, 3000}, ScaleFactor{2}) == Size{1000, 750});
    CHECK(scaled_size({4001, 3001}, ScaleFactor{1}) == Size{501, 376});
}

TEST_CASE("resampling is in linear light: a fine black and white pattern averages to sRGB 188, not 128") {
    Pixels checker = Pixels::allocate(64, 64, 3);
    for (int y = 0; y < 64; ++y)
        for (int x = 0; x < 64; ++x) std::memset(checker.row(y) + x * 3, (x + y) % 2 ? 255 : 0, 3);
    const Pixels small = resize_srgb(checker, {8, 8});
    const int middle = small.row(4)[4 * 3];
    CHECK(middle >= 182);
    CHECK(middle <= 194);
}

TEST_CASE("resizing in bands gives exactly the whole-image result") {
    const Pixels source = pattern(1000, 750);
    const Pixels whole = resize_srgb(source, {300, 225});
    Pixels banded = Pixels::allocate(300, 225, 3);
    for (int first = 0; first < 225; first += 24) resize_srgb_rows(source, banded, first, std::min(225, first + 24));
    CHECK(std::memcmp(whole.data.get(), banded.data.get(), whole.size_bytes()) == 0);
}

TEST_CASE("a band reads no source row beyond source_rows_needed, so it can start mid-decode") {
    const Pixels source = pattern(1000, 750);
    const Pixels whole = resize_srgb(source, {300, 225});
    for (int end : {24, 100, 199, 224}) {
        CAPTURE(end);
        const int needed = source_rows_needed(750, 225, end);
        Pixels partial = pattern(1000, 750);
        for (int y = needed; y < 750; ++y) std::memset(partial.row(y), 0xFF, partial.row_bytes());  // not decoded yet
        Pixels band = Pixels::allocate(300, 225, 3);
        resize_srgb_rows(partial, band, end - 24, end);
        CHECK(std::memcmp(band.row(end - 24), whole.row(end - 24), band.row_bytes() * 24) == 0);
    }
}
