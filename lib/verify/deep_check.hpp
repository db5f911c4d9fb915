// The deep health check: /health/deep must not say "unhealthy"; "degraded" is a warning.
#pragma once

#include "http/http_types.hpp"
#include "verify/check_result.hpp"

namespace bmx::verify {

// Reads {status, checks: {name: {status, error?}}}. The detail names every check that is not
// healthy, with its status and error, so a failure says where to look.
Verdict judge_deep(const http::HttpResponse& response);

}  // namespace bmx::verify
