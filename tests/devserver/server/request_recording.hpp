// Hooks the request log and --latency-ms into httplib's routing, so every route is recorded the same way.
#pragma once

#include "request_log.hpp"

#include <httplib.h>

#include <chrono>

namespace bmx::devserver {

// Records every request except /_dev ones, and delays every answer but theirs.
void install_request_recording(httplib::Server& server, RequestLog& request_log,
                               std::chrono::milliseconds latency);

}  // namespace bmx::devserver
