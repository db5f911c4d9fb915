// Names of upload states as they appear in the status JSON.
#include "upload/file_status.hpp"

namespace bmx::upload {

const char* upload_state_name(UploadState state) {
    switch (state) {
        case UploadState::pending: return "pending";
        case UploadState::uploaded: return "uploaded";
        case UploadState::duplicate: return "duplicate";
        case UploadState::failed: return "failed";
        case UploadState::cancelled: return "cancelled";
        case UploadState::would_upload: return "would_upload";
    }
    return "failed";
}

}  // namespace bmx::upload
