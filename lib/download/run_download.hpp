// run_download: reads the book's image list, fetches every image concurrently over one transfer
// loop (each from GET /books/{id}/images/{image_id}/file, following its redirect to the CDN with
// the request driver, which never sends the key off the API's origin), and hands each body to a
// worker that checks it is an image, hashes it and puts it in place. Errors are values: no
// exception leaves it.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "download/download_options.hpp"
#include "download/image_download.hpp"
#include "env/api_context.hpp"
#include "http/http_types.hpp"

namespace bmx::download {

struct DownloadEvents {
    // Once for each image as it reaches its final state; on the loop or a worker thread.
    std::function<void(std::size_t index, const ImageDownload&)> on_final;
    // Every answer (the list's, each hop of each image's), on the loop thread (-v, -i).
    std::function<void(const http::HttpResponse&)> on_answer;
    // Before a retry of the request named `what` ("" for the image list).
    std::function<void(const std::string& what, int attempt, const std::string& reason, std::chrono::milliseconds delay)>
        on_retry;
};

struct DownloadReport {
    std::vector<ImageDownload> images;  // in book order
    // The book's image list could not be read (a missing book, the key refused, no key): nothing
    // was fetched and nothing written, DIR not even created.
    std::optional<Error> stopped_by;
    std::vector<std::string> warnings;
    bool interrupted = false;
};

DownloadReport run_download(const DownloadOptions& options, const env::ApiContext& context,
                            const std::atomic<int>& interrupts, const DownloadEvents& events);

}  // namespace bmx::download
