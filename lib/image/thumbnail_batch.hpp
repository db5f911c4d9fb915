// run_thumbnail_batch: thumbnails many files on a worker pool, reporting each as it finishes.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "image/thumbnail.hpp"

namespace bmx::image {

// What happened to one input file; lib/status turns it into the status JSON.
struct ThumbnailReport {
    std::filesystem::path file;  // as given
    std::filesystem::path path;  // the thumbnail written; empty on failure
    std::string format;          // of the source; empty when not recognised
    int source_width = 0, source_height = 0, width = 0, height = 0;
    std::vector<std::string> warnings;
    std::optional<Error> error;

    bool generated() const { return !error; }
};

struct BatchOptions {
    std::filesystem::path out_dir = ".";
    ThumbnailOptions thumbnail;
    unsigned jobs = 1;  // worker threads; 0 is taken as 1
    // The memory every worker's decode shares (thumbnail.decode.budget is set from it): a
    // worker waits until its image fits, so --jobs cannot multiply the peak past this.
    std::size_t decode_budget_bytes = default_decode_budget_bytes;
};

// Called once per file as it finishes, never from two threads at once.
using ReportReady = std::function<void(std::size_t index, const ThumbnailReport& report)>;

// Reading, decoding and writing all happen on the workers; each holds one image at a time,
// and the decodes together stay within decode_budget_bytes. Returns the reports in input
// order. Two inputs with the same stem would share a thumbnail name: the later ones fail
// (stage "write") instead of silently replacing the earlier one's thumbnail.
std::vector<ThumbnailReport> run_thumbnail_batch(const std::vector<std::filesystem::path>& files,
                                                 const BatchOptions& options, const ReportReady& on_report = {});

}  // namespace bmx::image
