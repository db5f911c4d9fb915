// The thumbnail command: makes local thumbnails offline, the same as the server's, with a
// status object per file. All pixel work is in lib/image; this file parses and prints.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "commands.hpp"
#include "core/worker_pool.hpp"
#include "exit_codes.hpp"
#include "image/thumbnail_batch.hpp"
#include "image/thumbnail_write.hpp"
#include "output.hpp"
#include "status/thumbnail_status.hpp"
#include "upload/collect_files.hpp"

namespace bmx::cli {
namespace {

struct ThumbnailCommandOptions {
    std::vector<std::string> files;
    std::string out_dir = ".";
    int size = 300;
    int quality = 85;
    unsigned jobs = std::min(default_jobs(), 64u);
    double max_megapixels = default_max_megapixels;
    std::size_t max_decode_mib = image::default_decode_budget_bytes >> 20;
    int max_jpeg_scans = image::default_max_jpeg_scans;
    bool ndjson = false;
};

image::BatchOptions batch_options(const ThumbnailCommandOptions& options) {
    image::BatchOptions batch;
    batch.out_dir = options.out_dir;
    batch.jobs = options.jobs;
    batch.thumbnail.size = options.size;
    batch.thumbnail.quality = options.quality;
    batch.thumbnail.max_pixels = max_pixels_from_megapixels(options.max_megapixels);
    batch.thumbnail.decode.max_jpeg_scans = options.max_jpeg_scans;
    batch.decode_budget_bytes = options.max_decode_mib << 20;
    return batch;
}

// 0 when every file got a thumbnail, 4 when only some did, else the first failure's code
// (2 for the local input errors a thumbnail can have).
int batch_exit_code(const std::vector<image::ThumbnailReport>& reports) {
    const auto failed = std::count_if(reports.begin(), reports.end(), [](const auto& r) { return !r.generated(); });
    if (failed == 0) return exit_ok;
    if (static_cast<std::size_t>(failed) < reports.size()) return exit_partial;
    const auto first = std::find_if(reports.begin(), reports.end(), [](const auto& r) { return !r.generated(); });
    return exit_code_for(*first->error);
}

int run_thumbnail(const ThumbnailCommandOptions& options) {
    // Directories expand as upload's do: their images by name, dotfiles skipped, each noted.
    auto collected = upload::collect_files(options.files);
    for (const std::string& note : collected.notes) print_note(note);
    if (collected.files.empty()) return usage_error("no files to make thumbnails of");
    if (auto out = image::check_thumbnail_dir(options.out_dir); !out) return usage_error(with_option("--out", out.take_error()).message);
    const std::vector<std::filesystem::path>& files = collected.files;
    const auto on_report = [&](std::size_t, const image::ThumbnailReport& report) {
        if (options.ndjson) print_json_line(status::thumbnail_status(report));
        if (report.error)
            print_error(make_error(report.error->stage, fmt::format("{}: {}", report.file.string(), report.error->message)));
    };
    const auto reports = image::run_thumbnail_batch(files, batch_options(options), on_report);
    if (!options.ndjson) print_json(status::thumbnail_statuses(reports));
    return batch_exit_code(reports);
}

}  // namespace

void add_thumbnail_command(CLI::App& app, const GlobalOptions& global, CommandRun& run) {
    auto options = std::make_shared<ThumbnailCommandOptions>();
    CLI::App* thumbnail = app.add_subcommand(
        "thumbnail", "Make local thumbnails (<stem>.thumb.jpg) the same as the server's, offline; a status per file");
    thumbnail->add_option("PATH", options->files,
                          "Image files (JPEG, PNG, GIF, BMP, WebP, PSD, PNM, HDR), or directories (their images, sorted by name)")
        ->type_name("FILE")
        ->required();
    thumbnail->add_option("--out", options->out_dir, "Directory for the thumbnails (default: the current directory)")
        ->type_name("DIR");
    thumbnail->add_option("--size", options->size, "Fit within SIZE x SIZE pixels, never upscaled (default 300)")
        ->check(CLI::Range(1, 10000));
    thumbnail->add_option("--quality", options->quality, "JPEG quality (default 85)")->check(CLI::Range(1, 100));
    thumbnail->add_option("--jobs", options->jobs, "Worker threads (default: one per core)")->check(CLI::Range(1, 64));
    add_max_megapixels_option(*thumbnail, options->max_megapixels);
    add_decode_limit_options(*thumbnail, options->max_decode_mib, options->max_jpeg_scans);
    thumbnail->add_flag("--ndjson", options->ndjson, "Print one JSON line per file as each finishes");
    thumbnail->callback([options, &global, &run] {
        run = [options, &global] {
            if (auto misplaced = misplaced_request_options(global, "thumbnail"); !misplaced.empty()) return usage_error(misplaced);
            if (auto misplaced = misplaced_ci_options(global.ci, "thumbnail"); !misplaced.empty()) return usage_error(misplaced);
            return run_thumbnail(*options);
        };
    });
}

}  // namespace bmx::cli
