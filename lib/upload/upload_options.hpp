// UploadOptions: everything the upload pipeline needs to know, parsed from the command line.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/transport_options.hpp"
#include "image/decode_control.hpp"
#include "upload/placement.hpp"
#include "upload/upload_limit.hpp"

namespace bmx::upload {

// Uploads retry transport errors and 408/429/5xx on their own, POST included: the server
// dedupes images by content, so a repeated upload is safe.
// The batch's phases, for BMX_INJECT_FAULT: bmx-api's own tests make one throw where it should
// never throw, to show that the batch still ends at once with every status.
enum class BatchPhase { prepare, learn, send, place, record };

// "prepare", "learn", "send", "place" or "record"; nullopt for any other word.
inline std::optional<BatchPhase> batch_phase_named(std::string_view name) {
    if (name == "prepare") return BatchPhase::prepare;
    if (name == "learn") return BatchPhase::learn;
    if (name == "send") return BatchPhase::send;
    if (name == "place") return BatchPhase::place;
    if (name == "record") return BatchPhase::record;
    return std::nullopt;
}

inline constexpr http::RetryPolicy upload_retry_policy{3, std::chrono::milliseconds(500), std::chrono::milliseconds(60000), true};

struct UploadOptions {
    std::string target_path;           // "/books/123/images", relative to the base URL (query allowed)
    std::vector<std::filesystem::path> files;
    std::size_t parallel = 6;          // uploads in flight at once
    unsigned jobs = 0;                 // thumbnail workers; 0 = one per core
    std::string image_type;            // empty: the server's default ("detail")
    // The file sent with is_primary=true and put first by the reorder (--primary[=FILE]).
    std::optional<std::size_t> primary_index;
    // The book the files go to, when target_path is /books/{id}/images: its image list is read
    // before the first upload (a missing book or a refused key stops it before any file is sent),
    // and the batch places its images as placement.hpp says.
    std::optional<long long> book_id;
    bool reorder = true;               // --no-reorder: leave the server's order alone (and read it back)
    Arrangement arrangement = Arrangement::keep;  // --arrange
    // Files held in memory at once (read, hashed, waiting to be sent or in flight): a worker waits
    // before reading the next file until it fits. One file larger than this still goes alone.
    std::size_t memory_budget_bytes = 256u * 1024u * 1024u;
    // What the workers' decodes may allocate at once (image/decode_memory.hpp's model); a worker
    // waits until its image fits, and an image larger than all of it is refused (stage limits).
    std::size_t decode_budget_bytes = image::default_decode_budget_bytes;
    int max_jpeg_scans = image::default_max_jpeg_scans;  // progressive JPEGs with more are refused
    std::int64_t max_pixels = 100'000'000;  // images declaring more pixels are refused from their header (stage limits)
    std::optional<std::string> caption;
    std::optional<std::filesystem::path> thumb_dir;  // also write the thumbnails there
    http::TransportOptions transport{std::chrono::milliseconds(30000), {}, upload_retry_policy};  // -H already checked
    bool dry_run = false;
    // The largest multipart request sent (upload_limit.hpp); a file whose request would be larger
    // fails with stage limits, or with fit is re-encoded as a JPEG that fits.
    UploadLimit limit;
    bool fit = false;
    // Where the upload record lives (upload_record.hpp); nullopt: no record is read or written.
    std::optional<std::filesystem::path> record_dir;
    bool resend = false;  // send every file, whatever the record says (it is still written)
    bool capture_request_head = false;  // -v: each answer carries the request head sent (key redacted)
    int thumbnail_size = 300;
    int thumbnail_quality = 85;
    // A seam for tests: runs on the worker just before a file is decoded.
    std::function<void(const std::filesystem::path&)> before_decode;
    // A seam for tests (BMX_INJECT_FAULT): this phase throws an unexpected exception.
    std::optional<BatchPhase> inject_fault;
};

// Set from a SIGINT handler: 1 = stop starting uploads and let those in flight end; 2+ = abort now.
using InterruptCount = std::atomic<int>;

}  // namespace bmx::upload
