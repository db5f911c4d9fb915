// The words for check statuses, shared by the report and the per-check lines.
#include "verify/check_result.hpp"

namespace bmx::verify {

const char* status_name(CheckStatus status) {
    switch (status) {
        case CheckStatus::passed: return "passed";
        case CheckStatus::failed: return "failed";
        case CheckStatus::warning: return "warning";
        case CheckStatus::skipped: return "skipped";
    }
    return "failed";
}

}  // namespace bmx::verify
