// Thumbnails a list of files on a WorkerPool.
#include "image/thumbnail_batch.hpp"

#include <algorithm>
#include <exception>
#include <mutex>
#include <new>

#include <fmt/format.h>

#include "core/counting_budget.hpp"
#include "core/worker_pool.hpp"
#include "image/thumbnail_write.hpp"

namespace bmx::image {
namespace {

ThumbnailReport failed_report(const std::filesystem::path& file, Error error) {
    ThumbnailReport report;
    report.file = file;
    report.error = std::move(error);
    return report;
}

ThumbnailReport make_report(const std::filesystem::path& file, const Result<std::filesystem::path>& out_path,
                            const ThumbnailOptions& options) {
    if (!out_path) return failed_report(file, out_path.error());
    FileThumbnail outcome = thumbnail_file(file, options);
    ThumbnailReport report;
    report.file = file;
    report.format = outcome.format;
    if (!outcome.thumbnail) {
        report.error = outcome.thumbnail.take_error();
        return report;
    }
    const Thumbnail& thumbnail = *outcome.thumbnail;
    report.warnings = thumbnail.warnings;
    if (auto written = write_thumbnail(thumbnail, *out_path); !written) {
        report.error = written.take_error();
        return report;
    }
    report.path = *out_path;
    report.source_width = thumbnail.source_width;
    report.source_height = thumbnail.source_height;
    report.width = thumbnail.width;
    report.height = thumbnail.height;
    return report;
}

}  // namespace

std::vector<ThumbnailReport> run_thumbnail_batch(const std::vector<std::filesystem::path>& files,
                                                 const BatchOptions& options, const ReportReady& on_report) {
    const auto outputs = plan_thumbnail_paths(files, options.out_dir);
    std::vector<ThumbnailReport> reports(files.size());
    std::mutex report_mutex;
    // No more workers than files: a one-file run should not start idle threads. A helper
    // thread per image only pays while some core would otherwise be idle.
    const unsigned workers = static_cast<unsigned>(
        std::min<std::size_t>(std::max(options.jobs, 1u), std::max<std::size_t>(files.size(), 1)));
    ThumbnailOptions thumbnail_options = options.thumbnail;
    if (workers >= default_jobs()) thumbnail_options.overlap = ResizeOverlap::same_thread;
    CountingBudget decode_budget(options.decode_budget_bytes);
    thumbnail_options.decode.budget = &decode_budget;
    {
        WorkerPool pool(workers);
        for (std::size_t i = 0; i < files.size(); ++i) {
            pool.submit([&, i] {
                ThumbnailReport report;
                try {
                    report = make_report(files[i], outputs[i], thumbnail_options);
                } catch (const std::bad_alloc&) {
                    report = failed_report(files[i], make_error(Stage::decode, "not enough memory to make this thumbnail"));
                } catch (const std::exception& error) {
                    report = failed_report(files[i], make_error(Stage::decode, fmt::format("unexpected error: {}", error.what())));
                }
                std::lock_guard lock(report_mutex);
                reports[i] = std::move(report);
                if (on_report) on_report(i, reports[i]);
            });
        }
    }  // the pool's destructor runs every task and joins
    return reports;
}

}  // namespace bmx::image
