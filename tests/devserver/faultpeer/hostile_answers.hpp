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
  huge_body,     // 200 JSON, --body-mib MiB of padding (0: until the client leaves), chunked or
                 // with a Content-Length (--declare-length; a HEAD then gets the headers alone)
  gzip_bomb,     // 200, Content-Encoding: gzip, --body-mib MiB of zeros once inflated, chunked or
                 // (--declare-length) with the compressed size as its Content-Length
  zstd_bomb,     // 200, Content-Encoding: zstd, --body-mib MiB of zeros once decoded (RLE blocks)
  long_header,   // 200 with one header line of 200 KiB
  long_status,   // a status line of 200 KiB
  bad_redirect,  // 302 to --location (default a URL bmx-api cannot follow; a path on the peer loops)
  deep_json,     // --status with a JSON body whose detail nests 85,000 arrays deep (170 KB)
  many_values,   // 200 JSON, an array of 20,000,000 empty strings: 60 MB, under the body budget,
                 // whose document would take over a gigabyte
  echo_key,      // 400 whose detail (and an X-Echo header) repeat the request's X-API-Key, with
                 // terminal escapes (window title, clear screen) around it
};

// Reads the request's headers, then sends the answer; stops early when the client goes away
// or `stopping` becomes true.
struct HostileOptions {
  std::uint64_t body_mib = 64;
  int status = 400;
  bool declare_length = false;
  std::string location;
};

ConnectionOutcome send_hostile_answer(UniqueFd client, const std::atomic<bool>& stopping,
                                      HostileAnswer answer, const HostileOptions& options);

}  // namespace bmx::faultpeer
