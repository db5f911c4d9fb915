// bmx-bench-thumbnail: times make_thumbnail in-process on each file given, to separate the
// engine's own time from process start-up in thumbnail_bench.sh's figures.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "image/read_file.hpp"
#include "image/thumbnail.hpp"

namespace {

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    int runs = 9;
    std::vector<std::string> files;
    for (int i = 1; i < argc; ++i) {
        const std::string argument = argv[i];
        if (argument == "--runs" && i + 1 < argc) {
            runs = std::max(1, std::atoi(argv[++i]));
            continue;
        }
        files.push_back(argument);
    }
    if (files.empty()) {
        std::fputs("usage: bmx-bench-thumbnail [--runs N] FILE...\n", stderr);
        return 2;
    }
    const bmx::image::ThumbnailOptions options;
    for (const auto& file : files) {
        auto bytes = bmx::image::read_image_file(file);
        if (!bytes) {
            std::fprintf(stderr, "%s: %s\n", file.c_str(), bytes.error().message.c_str());
            return 2;
        }
        std::vector<double> milliseconds;
        for (int run = 0; run < runs; ++run) {
            const auto start = std::chrono::steady_clock::now();
            auto thumbnail = bmx::image::make_thumbnail(bytes->bytes(), options);
            const auto elapsed = std::chrono::steady_clock::now() - start;
            if (!thumbnail) {
                std::fprintf(stderr, "%s: %s\n", file.c_str(), thumbnail.error().message.c_str());
                return 2;
            }
            milliseconds.push_back(std::chrono::duration<double, std::milli>(elapsed).count());
        }
        std::printf("%s\t%.2f\n", file.c_str(), median(milliseconds));
    }
    return 0;
}
