// --max-megapixels, --max-decode-mib and --max-jpeg-scans, declared the same way on upload and thumbnail.
#include <cmath>

#include <fmt/format.h>

#include "commands.hpp"
#include "image/decode_control.hpp"

namespace bmx::cli {

void add_max_megapixels_option(CLI::App& app, double& max_megapixels) {
    app.add_option("--max-megapixels", max_megapixels,
                   "Refuse images declaring more pixels than this, from the header (default 100)")
        ->type_name("N")
        ->check(CLI::Range(0.000001, 1e6));
}

std::int64_t max_pixels_from_megapixels(double max_megapixels) { return std::llround(max_megapixels * 1e6); }

void add_decode_limit_options(CLI::App& app, std::size_t& max_decode_mib, int& max_jpeg_scans) {
    app.add_option("--max-decode-mib", max_decode_mib,
                   fmt::format("Memory all workers' decodes share, in MiB; an image needing more is refused (default {})",
                               image::default_decode_budget_bytes >> 20))
        ->type_name("MIB")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 20));
    app.add_option("--max-jpeg-scans", max_jpeg_scans,
                   fmt::format("Refuse progressive JPEGs with more scans than this (default {})",
                               image::default_max_jpeg_scans))
        ->type_name("N")
        ->check(CLI::Range(1, 100000));
}

}  // namespace bmx::cli
