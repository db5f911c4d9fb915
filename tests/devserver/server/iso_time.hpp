// ISO-8601 UTC timestamps for the JSON the dev server reports.
#pragma once

#include <chrono>
#include <string>

namespace bmx::devserver {

// "2024-05-01T12:34:56Z"
std::string iso8601_utc(std::chrono::system_clock::time_point when);
std::string iso8601_utc_now();

}  // namespace bmx::devserver
