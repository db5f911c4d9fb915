// What a running batch tells its caller (the CLI's printers), and the batch's closing report.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "http/http_types.hpp"
#include "upload/file_status.hpp"

namespace bmx::upload {

// Where the batch stands, for a progress meter.
enum class ProgressPhase {
    running,    // files are being prepared and sent
    stopping,   // an interrupt (or an answer about the whole batch) stopped it; transfers are ending
    cancelled,  // the batch ended early: files not sent were cancelled
    finished,   // the batch ended with every file in a final state of its own
};

// The upload in flight that a progress line names: the only one, or the largest.
struct FileInFlight {
    std::string name;               // the file's own name, without its directory
    long long bytes_confirmed = 0;  // of its request, as TransferLoop::bytes_confirmed_total counts
    long long request_bytes = 0;    // 0 when not known
};

struct Progress {
    std::size_t files_total = 0;
    std::size_t files_done = 0;       // final: uploaded, duplicate, failed, would_upload (never cancelled)
    std::size_t files_cancelled = 0;
    // Request bytes the server confirmed (answered, or acknowledged by its TCP: see
    // TransferLoop::bytes_confirmed_total), retries included: only ever grows.
    long long bytes_confirmed = 0;
    long long bytes_planned = 0;      // the files and thumbnails prepared for sending so far
    bool plan_complete = false;       // every file prepared or failed: bytes_planned is the batch's
    double elapsed_seconds = 0;       // on the batch's steady clock: the time axis of a rate
    ProgressPhase phase = ProgressPhase::running;
    std::optional<FileInFlight> sending;
    bool interrupted = false;          // Ctrl-C, SIGTERM or SIGHUP came
    std::optional<Error> stopped_by;   // an answer about the whole batch stopped it (BatchReport::stopped_by)
};

struct PipelineEvents {
    // On the loop thread as each file's status is final, for --ndjson: a failed or cancelled file
    // when it becomes final; a stored one once the book is placed (its display_order is then known).
    std::function<void(std::size_t index, const FileStatus& status)> on_file_final;
    // On the loop thread whenever a file reaches a state the server confirmed or that cannot
    // change (stored, failed, cancelled), before placement: what a third Ctrl-C reports.
    std::function<void(std::size_t index, const FileStatus& status)> on_file_known;
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
    // An answer about the batch rather than one file (401, 403, 404, on the image list or on any
    // upload) stopped it; the files not sent are cancelled with this reason.
    std::optional<Error> stopped_by;
    bool interrupted = false;  // Ctrl-C, SIGTERM or SIGHUP
    // The order could not be set or confirmed (stage reorder); also on the affected files.
    std::optional<Error> order_error;
    // A bug ended the batch (an unexpected exception): every status is still final (close_batch).
    std::optional<Error> internal_error;
    // Notes about the batch as a whole, for stderr (a primary file not stored, an interrupted order).
    std::vector<std::string> notes;
    // Warnings about the batch as a whole, for stderr (the upload record unreadable or not written).
    std::vector<std::string> warnings;
};

}  // namespace bmx::upload
