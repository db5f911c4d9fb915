// The upload pipeline: thumbnails on workers, uploads on one libcurl multi loop, the book's order
// set afterwards, and a true final status per file.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "env/api_context.hpp"
#include "http/http_types.hpp"
#include "upload/file_status.hpp"
#include "upload/upload_options.hpp"

namespace bmx::upload {

// Where the batch stands, for a progress meter.
enum class ProgressPhase {
    running,    // files are being prepared and sent
    stopping,   // an interrupt (or an answer about the whole batch) stopped it; transfers are ending
    cancelled,  // the batch ended early: files not sent were cancelled
    finished,   // the batch ended with every file in a final state of its own
};

struct Progress {
    std::size_t files_total = 0;
    std::size_t files_done = 0;       // final: uploaded, duplicate, failed, would_upload (never cancelled)
    std::size_t files_cancelled = 0;
    long long bytes_sent = 0;         // request bytes put on the wire, retries included: only ever grows
    long long bytes_planned = 0;      // the files and thumbnails prepared for sending so far
    bool plan_complete = false;       // every file prepared or failed: bytes_planned is the batch's
    double elapsed_seconds = 0;
    ProgressPhase phase = ProgressPhase::running;
};

struct PipelineEvents {
    // On the loop thread as each file's status is final (for --ndjson). Failures come as they
    // happen; uploaded and duplicate files once the book's order is read back, so their
    // display_order and is_primary are the server's.
    std::function<void(std::size_t index, const FileStatus& status)> on_file_final;
    // On the loop thread every tick (for the progress bar), and once more when the batch has ended.
    std::function<void(const Progress& progress)> on_progress;
    // On the loop thread before a retry: file (empty for the batch's own requests), attempt about
    // to start, reason, delay.
    std::function<void(const std::string& file, int attempt, const std::string& reason, std::chrono::milliseconds delay)>
        on_retry;
    // On the loop thread for every answer, each attempt and redirect hop (for -v and -i): the file
    // (empty for the batch's own requests) and the response, with the request head when
    // UploadOptions::capture_request_head is set.
    std::function<void(const std::string& file, const http::HttpResponse& response)> on_answer;
};

// Everything the batch knows, kept by the caller so that it can still print every status if
// something unexpected ends the batch early (see close_batch).
struct BatchReport {
    std::vector<FileStatus> statuses;
    // An answer about the batch rather than one file (401, 403, 404, or the book's image list
    // unreadable before the batch) stopped it; the files not sent are cancelled with this reason.
    std::optional<Error> stopped_by;
    bool interrupted = false;  // Ctrl-C, SIGTERM or SIGHUP
    // The order could not be set or confirmed (stage reorder); also on the affected files.
    std::optional<Error> order_error;
    // Notes about the batch as a whole, for stderr (a primary file not stored, an interrupted order).
    std::vector<std::string> notes;
    // Warnings about the batch as a whole, for stderr (the upload record unreadable or not written).
    std::vector<std::string> warnings;
};

// Runs the whole batch into report (statuses in input order, every one final). The error case is
// for problems before any file is touched or anything is sent (a bad URL, no API key).
Status run_upload(const UploadOptions& options, const env::ApiContext& context, const InterruptCount& interrupts,
                  const PipelineEvents& events, BatchReport& report);

// Gives every status that is not final the error (stage internal after an unexpected exception),
// so that a report can always be printed whole.
void close_batch(BatchReport& report, const Error& error);

}  // namespace bmx::upload
