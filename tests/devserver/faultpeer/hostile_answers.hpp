// Answers a hostile server gives on purpose: bodies too big to hold, compression bombs, a header
// line over 100 KB, a redirect to an unusable URL, and a key echoed back with terminal escapes.
#pragma once

#include "connection_outcome.hpp"
#include "unique_fd.hpp"

#include <atomic>
#include <cstdint>
#include <string>

namespace bmx::faultpeer {

enum class HostileAnswer {
  huge_body,     // 200 JSON, chunked, --body-mib MiB of padding (0: until the client leaves)
  gzip_bomb,     // 200, Content-Encoding: gzip, --body-mib MiB of zeros once inflated
  zstd_bomb,     // 200, Content-Encoding: zstd, --body-mib MiB of zeros once decoded (RLE blocks)
  long_header,   // 200 with one header line of 200 KiB
  bad_redirect,  // 302 to a Location bmx-api cannot follow
  deep_json,     // --status with a JSON body whose detail nests 85,000 arrays deep (170 KB)
  echo_key,      // 400 whose detail (and an X-Echo header) repeat the request's X-API-Key, with
                 // terminal escapes (window title, clear screen) around it
};

// Reads the request's headers, then sends the answer; stops early when the client goes away
// or `stopping` becomes true.
ConnectionOutcome send_hostile_answer(UniqueFd client, const std::atomic<bool>& stopping,
                                      HostileAnswer answer, std::uint64_t body_mib, int status);

}  // namespace bmx::faultpeer
