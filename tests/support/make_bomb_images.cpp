// bmx-bomb-images: writes the hostile images the README's hardening figures were measured on.
// They are big (up to 3 GiB inflated, 800 MB raw): write them under /tmp, never commit them.
//   bmx-bomb-images png-bomb FILE MIB          1x1 PNG whose data inflates to MIB MiB of zeros
//   bmx-bomb-images png16 FILE SIDE            SIDE x SIDE 16-bit RGBA PNG of one flat colour
//   bmx-bomb-images jpeg-scans FILE W H [AL]   progressive JPEG of noise, 1 + AL + 189 (1 + AL) scans
//   bmx-bomb-images jpeg-scans-flat FILE W H [AL]   the same scans over one flat grey
//   bmx-bomb-images jpeg-eob FILE W H          grey progressive JPEG, 896 scans of end-of-band runs
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "support/bomb_fixtures.hpp"
#include "support/image_fixtures.hpp"

namespace {

// Every coefficient busy: each refinement scan then has bits to send for every block.
bmx::testing::TestImage noise(int width, int height) {
    bmx::testing::TestImage image = bmx::testing::TestImage::filled(width, height, bmx::testing::grey);
    std::uint32_t state = 12345;
    for (auto& value : image.pixels) {
        state = state * 1664525u + 1013904223u;
        value = static_cast<unsigned char>(state >> 24);
    }
    return image;
}

int usage() {
    std::fprintf(stderr, "usage: bmx-bomb-images png-bomb FILE MIB | png16 FILE SIDE | jpeg-scans[-flat] FILE W H [AL] | jpeg-eob FILE W H\n");
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace bmx::testing;
    if (argc < 4) return usage();
    const std::string kind = argv[1];
    const std::string file = argv[2];
    if (kind == "png-bomb") {
        write_bytes(file, png_inflate_bomb(1, 1, std::strtoull(argv[3], nullptr, 10) << 20));
    } else if (kind == "png16") {
        const auto side = static_cast<std::uint32_t>(std::strtoul(argv[3], nullptr, 10));
        std::ofstream out(file, std::ios::binary);
        write_png(out, PngSpec{side, side, 16, 6, false},
                  [](std::uint32_t, std::uint32_t, int c) { return c == 3 ? 65535u : 40000u + 5000u * c; });
    } else if (kind == "jpeg-eob" && argc >= 5) {
        write_bytes(file, eob_scan_jpeg(static_cast<std::uint16_t>(std::atoi(argv[3])),
                                        static_cast<std::uint16_t>(std::atoi(argv[4]))));
    } else if ((kind == "jpeg-scans" || kind == "jpeg-scans-flat") && argc >= 5) {
        const int al = argc > 5 ? std::atoi(argv[5]) : 10;
        const int width = std::atoi(argv[3]), height = std::atoi(argv[4]);
        const TestImage image = kind == "jpeg-scans" ? noise(width, height) : TestImage::filled(width, height, grey);
        write_bytes(file, encode_many_scan_jpeg(image, al));
        std::printf("%d scans\n", many_scan_count(al));
    } else {
        return usage();
    }
    return 0;
}
