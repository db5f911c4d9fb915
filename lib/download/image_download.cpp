// The download_status names.
#include "download/image_download.hpp"

namespace bmx::download {

const char* download_state_name(DownloadState state) {
    switch (state) {
        case DownloadState::downloaded: return "downloaded";
        case DownloadState::skipped: return "skipped";
        case DownloadState::failed: return "failed";
        case DownloadState::cancelled: return "cancelled";
    }
    return "failed";
}

}  // namespace bmx::download
