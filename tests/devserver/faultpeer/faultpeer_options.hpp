// The bmx-faultpeer command line as a plain options struct, and the parser that fills it.
#pragma once

#include <optional>
#include <string>

namespace bmx::faultpeer {

// What the peer does to a faulted connection.
enum class FaultMode {
  reset,    // read ~1 KiB of the request, then abort with a TCP RST
  reset_midway,  // relay to --upstream-port until the client has sent 64 KiB, then abort with a TCP RST
  hang,     // read and discard, never answer
  trickle,  // answer 200 with a JSON body, one byte every --trickle-ms
  close,    // close at once without a byte
  // Hostile answers (hostile_answers.hpp):
  huge_body, gzip_bomb, zstd_bomb, long_header, long_status, bad_redirect, deep_json, many_values,
  echo_key,
};

struct FaultpeerOptions {
  FaultMode mode = FaultMode::reset;
  std::string host = "127.0.0.1";
  int port = 0;
  std::optional<int> upstream_port;  // Connections after the first --count are relayed here.
  int count = 1;
  int exit_after_seconds = 120;
  std::string log_path;  // Empty: no JSON-lines log.
  int trickle_ms = 100;
  int status = 400;   // deep-json: the status it answers with
  int body_mib = 64;
  bool declare_length = false;  // huge-body, gzip-bomb: a Content-Length instead of chunks
  std::string location = "http://bad host name/books";  // bad-redirect: the Location  // huge-body, gzip-bomb, zstd-bomb: the decoded size; 0 is endless
};

// Either options to run with, or the exit code to leave with.
struct ParsedOptions {
  std::optional<FaultpeerOptions> options;
  int exit_code = 0;
};

ParsedOptions parse_faultpeer_options(int argc, char** argv);

const char* mode_name(FaultMode mode);

}  // namespace bmx::faultpeer
