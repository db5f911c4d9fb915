// The upload pipeline: thumbnails on workers, uploads on one libcurl multi loop, a status per file.
#pragma once

#include <functional>
#include <vector>

#include "core/result.hpp"
#include "env/api_context.hpp"
#include "upload/file_status.hpp"
#include "upload/upload_options.hpp"

namespace bmx::upload {

struct Progress {
    std::size_t files_total = 0;
    std::size_t files_done = 0;
    long long bytes_sent = 0;  // request bytes sent, including those in flight
    double elapsed_seconds = 0;
    bool cancelling = false;
};

struct PipelineEvents {
    // On the loop thread as each file reaches its final status (for --ndjson).
    std::function<void(std::size_t index, const FileStatus& status)> on_file_final;
    // On the loop thread every tick (for the progress bar).
    std::function<void(const Progress& progress)> on_progress;
    // On the loop thread before a retry: file, attempt about to start, reason, delay.
    std::function<void(const FileStatus& status, int attempt, const std::string& reason, std::chrono::milliseconds delay)>
        on_retry;
};

// Runs the whole batch. Every input file ends with a final status, in input order. The error
// case is for problems before any file is touched (a bad target URL, say).
Result<std::vector<FileStatus>> run_upload(const UploadOptions& options, const env::ApiContext& context,
                                           const InterruptCount& interrupts, const PipelineEvents& events);

}  // namespace bmx::upload
