// bmx-fit-measure: the README's --fit figures: what fit_jpeg makes of one file, and how close
// it stays to the original (PSNR over RGB at the output size).
//   bmx-fit-measure FILE BUDGET            prints {from_bytes, to_bytes, width, height, quality, psnr_db, ms, encodes}
//   bmx-fit-measure photo FILE [W H [GRAIN]]   writes a camera-like JPEG (default 4000x3000, about 6 MB)
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "image/fit_jpeg.hpp"
#include "image/resize.hpp"
#include "image/upright_decode.hpp"
#include "support/camera_photo.hpp"

namespace {

using Bytes = std::vector<unsigned char>;

int usage() {
    std::fprintf(stderr, "usage: bmx-fit-measure FILE BUDGET | bmx-fit-measure photo FILE [WIDTH HEIGHT [GRAIN]]\n");
    return 2;
}

bool read_whole(const char* path, Bytes& bytes) {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    return static_cast<bool>(in) || in.eof();
}

// Peak signal-to-noise ratio over every RGB sample; infinite for identical images.
double psnr_db(const bmx::image::Pixels& a, const bmx::image::Pixels& b) {
    double squared = 0;
    const std::size_t samples = a.size_bytes();
    for (std::size_t i = 0; i < samples; ++i) {
        const double d = static_cast<double>(a.data[i]) - static_cast<double>(b.data[i]);
        squared += d * d;
    }
    const double mse = squared / static_cast<double>(samples);
    return mse == 0 ? INFINITY : 10.0 * std::log10(255.0 * 255.0 / mse);
}

int write_photo(int argc, char** argv) {
    const int width = argc > 3 ? std::atoi(argv[3]) : 4000;
    const int height = argc > 4 ? std::atoi(argv[4]) : 3000;
    const int grain = argc > 5 ? std::atoi(argv[5]) : 24;
    if (width < 1 || height < 1) return usage();
    const Bytes jpeg = bmx::testing::camera_jpeg(width, height, 1, grain);
    bmx::testing::write_bytes(argv[2], jpeg);
    std::printf("%dx%d, %zu bytes\n", width, height, jpeg.size());
    return 0;
}

int measure(const char* path, std::size_t budget) {
    Bytes source;
    if (!read_whole(path, source)) {
        std::fprintf(stderr, "bmx-fit-measure: cannot read %s\n", path);
        return 1;
    }
    bmx::image::FitOptions options;
    options.max_bytes = budget;
    const auto start = std::chrono::steady_clock::now();
    auto fitted = bmx::image::fit_jpeg(source, options);
    const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (!fitted) {
        std::fprintf(stderr, "bmx-fit-measure: %s: %s\n", bmx::stage_name(fitted.error().stage),
                     fitted.error().message.c_str());
        return 1;
    }
    auto original = bmx::image::decode_upright(source, {});
    auto output = bmx::image::decode_upright(fitted->jpeg, {});
    if (!original || !output) {
        std::fprintf(stderr, "bmx-fit-measure: cannot decode the original or the output again\n");
        return 1;
    }
    const bmx::image::Size size{fitted->width, fitted->height};
    const bmx::image::Pixels reference = original->pixels.size() == size
                                             ? std::move(original->pixels)
                                             : bmx::image::resize_srgb(original->pixels, size);
    std::printf("{\"from_bytes\": %zu, \"to_bytes\": %zu, \"width\": %d, \"height\": %d, \"quality\": %d, "
                "\"psnr_db\": %.2f, \"ms\": %.0f, \"encodes\": %d}\n",
                source.size(), fitted->jpeg.size(), fitted->width, fitted->height, fitted->quality,
                psnr_db(reference, output->pixels), ms, fitted->encodes);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc >= 3 && std::string(argv[1]) == "photo") return write_photo(argc, argv);
    if (argc != 3) return usage();
    char* end = nullptr;
    const unsigned long long budget = std::strtoull(argv[2], &end, 10);
    if (end == argv[2] || *end != '\0' || budget == 0) return usage();
    return measure(argv[1], static_cast<std::size_t>(budget));
}
