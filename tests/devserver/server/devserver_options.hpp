// The bmx-devserver command line as a plain options struct, and the parser that fills it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bmx::devserver {

// --version-after N:V2 — /health/version answers V2 once it has answered N times.
struct VersionSwitch {
  int after_requests = 0;
  std::string version;
};

// --slow-filename NAME:MS — an upload whose file part is named NAME takes MS ms more to process.
struct SlowFilename {
  std::string filename;
  int extra_ms = 0;
};

// --refuse-images-after N:STATUS — image POSTs after the first N answer STATUS and store nothing.
struct ImageRefusal {
  int after_posts = 0;
  int status = 404;  // 401, 403 or 404, each with the real server's detail
};

// --bogus-upload NAME:MODE — how the answer to an upload of file NAME breaks the contract.
enum class BogusUploadMode { not_json, no_id, zero_id, string_id, repeat_id, wrong_types, array };

struct BogusUpload {
  std::string filename;
  BogusUploadMode mode = BogusUploadMode::not_json;
};

// --reorder-answer MODE — what a successful PUT .../images/reorder answers (it is applied either way).
enum class ReorderAnswer { normal, wrong_order, not_json };

struct DevserverOptions {
  std::string host = "127.0.0.1";
  int port = 0;  // 0: the kernel picks a free port, announced on stdout.
  std::string api_key = "devkey";
  int exit_after_seconds = 600;

  std::string version = "1.0.0";
  std::string environment = "staging";
  std::string git_sha = "0000000";
  std::optional<VersionSwitch> version_after;
  std::vector<std::string> unhealthy_checks;
  std::vector<std::string> degraded_checks;

  // --tls CERT KEY: serve https with this PEM certificate (chain) and private key; empty: http.
  std::string tls_cert;
  std::string tls_key;

  int latency_ms = 0;
  // --uplink-kib-per-second: every request byte is read through one bucket of this rate; 0 is unlimited.
  std::size_t uplink_kib_per_second = 0;
  int fail_images = 0;
  int fail_requests = 0;
  int fail_status = 503;
  std::optional<std::string> retry_after;
  std::size_t max_upload_bytes = 0;  // 0: unlimited.
  std::optional<ImageRefusal> refuse_images_after;
  std::vector<BogusUpload> bogus_uploads;
  ReorderAnswer reorder_answer = ReorderAnswer::normal;

  // An upload's processing time (writing the file, making the thumbnail) is
  // processing_delay_ms + a draw in 0..processing_jitter_ms + any --slow-filename.
  int processing_delay_ms = 0;
  int processing_jitter_ms = 0;
  std::uint32_t seed = 1;
  std::vector<SlowFilename> slow_filenames;
  bool null_optional_fields = false;

  int books = 57;
  std::vector<int> seed_image_books;
  std::string image_base;  // Empty: image URLs are relative to this server's origin.
  // --cdn-host HOST: production's CDN, a second listener on HOST (another loopback origin) serving
  // /images/...; image URLs point there unless --image-base says otherwise. Empty: no CDN listener.
  std::string cdn_host;
  // --redirect PATH=URL: GET, HEAD and POST to exactly PATH answer 302 (307 for POST) to URL.
  std::vector<std::string> redirects;

  // Background jobs: pending, then running, then completed (or failed with --job-fail's message).
  int job_pending_ms = 500;
  int job_running_ms = 2000;
  int job_stale_ms = 15 * 60 * 1000;  // a job running this long is failed, as the real server does
  std::optional<std::string> job_fail;
};

// Either options to run with, or the exit code to leave with (after --help or a
// usage error, which the parser has already printed).
struct ParsedOptions {
  std::optional<DevserverOptions> options;
  int exit_code = 0;
};

ParsedOptions parse_devserver_options(int argc, char** argv);

}  // namespace bmx::devserver
