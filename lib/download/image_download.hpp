// ImageDownload: what became of one image of the book, the value lib/status prints.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "core/error.hpp"

namespace bmx::download {

enum class DownloadState { downloaded, skipped, failed, cancelled };

// "downloaded", "skipped", "failed", "cancelled": the download_status field.
const char* download_state_name(DownloadState state);

struct ImageDownload {
    long long id = 0;
    std::optional<long long> display_order;  // as the server listed it
    std::string file;                        // DIR/NN-NAME
    std::size_t bytes = 0;                   // of the body fetched (0 when none)
    std::string sha256;                      // of those bytes; empty when none
    DownloadState state = DownloadState::cancelled;
    std::optional<Error> error;  // for failed and cancelled
};

}  // namespace bmx::download
