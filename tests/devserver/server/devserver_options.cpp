// The bmx-devserver command line as a plain options struct, and the parser that fills it.
#include "devserver_options.hpp"

#include "../common/loopback_host.hpp"
#include "health_checks.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <utility>

namespace bmx::devserver {

namespace {

constexpr const char* description =
    "bmx-devserver: a local TEST DOUBLE of the BlueMoxon API for bmx-api's tests.\n"
    "It is not the real service: data lives in memory, listens on loopback only,\n"
    "and the process exits by itself after --exit-after-seconds.\n"
    "Prints 'bmx-devserver listening on http://HOST:PORT' once ready (https:// with --tls),\n"
    "then, with --cdn-host, 'bmx-devserver CDN on http://CDNHOST:PORT'.\n"
    "Inspection (no key, never recorded): GET /_dev/requests (method, path, query,\n"
    "headers, parts, status, and the first 4 KB of a PUT's body), GET /_dev/images,\n"
    "GET /_dev/stats, POST /_dev/reset, GET /_dev/processing?started=N&timeout_ms=T\n"
    "(waits until N uploads have begun processing; answers {started, in_processing}),\n"
    "GET /_dev/cdn (with --cdn-host: each CDN request's method, path, status, and\n"
    "x_api_key: whether it carried X-API-Key).";

constexpr const char* null_optional_fields_help =
    "Upload answers carry null where the real server may leave an optional field unset. "
    "A fresh store: duplicate, message, thumbnail_status and thumbnail_error are null, except "
    "that a failed thumbnail still answers thumbnail_status \"failed\" with its "
    "thumbnail_error. A duplicate is unchanged: duplicate true, thumbnail_status \"skipped\", "
    "its message, thumbnail_error null. caption is not an upload answer field; listings "
    "carry caption null when unset, with or without this flag";

std::optional<VersionSwitch> parse_version_switch(const std::string& text) {
  const auto colon = text.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) return std::nullopt;
  const std::string count = text.substr(0, colon);
  if (!std::all_of(count.begin(), count.end(), [](unsigned char c) { return std::isdigit(c); })) {
    return std::nullopt;
  }
  return VersionSwitch{std::stoi(count), text.substr(colon + 1)};
}

std::optional<SlowFilename> parse_slow_filename(const std::string& text) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) return std::nullopt;
  const std::string milliseconds = text.substr(colon + 1);
  if (milliseconds.size() > 6 ||
      !std::all_of(milliseconds.begin(), milliseconds.end(), [](unsigned char c) { return std::isdigit(c); })) {
    return std::nullopt;
  }
  const int extra_ms = std::stoi(milliseconds);
  if (extra_ms > 600000) return std::nullopt;
  return SlowFilename{text.substr(0, colon), extra_ms};
}

std::optional<ImageRefusal> parse_image_refusal(const std::string& text) {
  const auto colon = text.find(':');
  if (colon == std::string::npos || colon == 0 || colon > 6) return std::nullopt;
  const std::string count = text.substr(0, colon);
  if (!std::all_of(count.begin(), count.end(), [](unsigned char c) { return std::isdigit(c); })) {
    return std::nullopt;
  }
  const std::string status = text.substr(colon + 1);
  if (status != "401" && status != "403" && status != "404") return std::nullopt;
  return ImageRefusal{std::stoi(count), std::stoi(status)};
}

std::optional<BogusUploadMode> bogus_upload_mode(const std::string& name) {
  static const std::pair<const char*, BogusUploadMode> modes[] = {
      {"not-json", BogusUploadMode::not_json},   {"no-id", BogusUploadMode::no_id},
      {"zero-id", BogusUploadMode::zero_id},     {"string-id", BogusUploadMode::string_id},
      {"repeat-id", BogusUploadMode::repeat_id}, {"wrong-types", BogusUploadMode::wrong_types},
      {"array", BogusUploadMode::array}};
  for (const auto& [mode_name, mode] : modes) {
    if (name == mode_name) return mode;
  }
  return std::nullopt;
}

// NAME:MODE, split at the last colon so a file name may hold one.
std::optional<BogusUpload> parse_bogus_upload(const std::string& text) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) return std::nullopt;
  const auto mode = bogus_upload_mode(text.substr(colon + 1));
  if (!mode) return std::nullopt;
  return BogusUpload{text.substr(0, colon), *mode};
}

ReorderAnswer reorder_answer_from(const std::string& name) {
  if (name == "wrong-order") return ReorderAnswer::wrong_order;
  if (name == "not-json") return ReorderAnswer::not_json;
  return ReorderAnswer::normal;
}

std::string validate_check_name(const std::string& name) {
  const auto& known = health_check_names();
  if (std::find(known.begin(), known.end(), name) != known.end()) return {};
  return "unknown check '" + name + "' (expected database, storage or queue)";
}

// Strings the parser converts after CLI11 has run.
struct RawOptions {
  std::string version_after;
  std::string retry_after;
  std::vector<std::string> slow_filenames;
  std::string refuse_images_after;
  std::vector<std::string> bogus_uploads;
  std::string reorder_answer = "normal";
  std::vector<std::string> tls;  // --tls CERT KEY
};

constexpr const char* refuse_images_after_help =
    "N:STATUS (STATUS 401, 403 or 404): the first N image POSTs to arrive are handled as "
    "usual; every later one answers STATUS with the real server's detail and stores nothing "
    "(401 \"Authentication required\": the key was revoked; 403 \"Not enough permissions\"; "
    "404 \"Book not found\": the book was deleted meanwhile, answered after the whole body "
    "was read, as the real server does)";

constexpr const char* bogus_upload_help =
    "NAME:MODE (repeatable): an image POST whose file part is named NAME is stored as usual "
    "(duplicates included) but answered 201 with a body that breaks ImageUploadResponse. "
    "MODE: not-json (text/html <html>upstream hiccup</html>), no-id (no id member), zero-id "
    "(id 0), string-id (the id as a JSON string), repeat-id (the id of the book's image stored "
    "just before this one; none: this id minus one), wrong-types (is_primary \"yes\", "
    "duplicate \"no\"), array (the body [1])";

constexpr const char* reorder_answer_help =
    "What a PUT /books/{id}/images/reorder the server accepted answers; the order is applied "
    "in every mode. normal: {\"message\": \"Images reordered successfully\", \"order\": "
    "[ids sent]}; wrong-order: the same with the first two ids of order swapped (fewer than "
    "two ids: order is []); not-json: 200 with the text/plain body ok";

void declare_answer_faults(CLI::App& app, RawOptions& raw) {
  app.add_option("--refuse-images-after", raw.refuse_images_after, refuse_images_after_help)
      ->type_name("N:STATUS");
  app.add_option("--bogus-upload", raw.bogus_uploads, bogus_upload_help)
      ->type_name("NAME:MODE")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  app.add_option("--reorder-answer", raw.reorder_answer, reorder_answer_help)
      ->type_name("MODE")
      ->capture_default_str()
      ->check(CLI::IsMember({"normal", "wrong-order", "not-json"}));
}

void declare_upload_timing(CLI::App& app, DevserverOptions& options, RawOptions& raw) {
  app.add_option("--processing-delay-ms", options.processing_delay_ms,
                 "Time every new upload spends processing (after dedupe, outside the catalog "
                 "lock); display_order is taken when it ends, so uploads are numbered in "
                 "completion order")
      ->capture_default_str()
      ->check(CLI::Range(0, 600000));
  app.add_option("--processing-jitter-ms", options.processing_jitter_ms,
                 "Add 0..J ms to each upload's processing: the k-th upload to begin "
                 "processing gets the k-th draw of mt19937(--seed), modulo J+1")
      ->capture_default_str()
      ->check(CLI::Range(0, 600000));
  app.add_option("--seed", options.seed, "Seed of the --processing-jitter-ms draws")
      ->capture_default_str();
  app.add_option("--slow-filename", raw.slow_filenames,
                 "NAME:MS: an upload whose file part is named NAME processes MS ms longer "
                 "(repeatable; added to the delay and jitter)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  app.add_flag("--null-optional-fields", options.null_optional_fields, null_optional_fields_help);
}

void declare_options(CLI::App& app, DevserverOptions& options, RawOptions& raw) {
  app.add_option("--host", options.host, "Loopback address to listen on")
      ->capture_default_str()
      ->check([](const std::string& host) {
        return testpeer::is_loopback_host(host)
                   ? std::string{}
                   : "refusing non-loopback host '" + host + "' (use 127.0.0.0/8, ::1 or localhost)";
      });
  app.add_option("--port", options.port, "Port; 0 picks a free one")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  app.add_option("--key", options.api_key, "The accepted X-API-Key")->capture_default_str();
  app.add_option("--exit-after-seconds", options.exit_after_seconds,
                 "Exit by itself after this many seconds")
      ->capture_default_str()
      ->check(CLI::Range(1, 86400));

  app.add_option("--version", options.version, "Version reported by /health")->capture_default_str();
  app.add_option("--environment", options.environment, "Environment reported by /health")
      ->capture_default_str();
  app.add_option("--git-sha", options.git_sha, "git_sha reported by /health/version")
      ->capture_default_str();
  app.add_option("--version-after", raw.version_after,
                 "N:V2: after N requests to /health/version, report V2");
  app.add_option("--unhealthy", options.unhealthy_checks,
                 "Make this /health/deep check unhealthy (repeatable)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->check(validate_check_name);
  app.add_option("--degraded", options.degraded_checks,
                 "Make this /health/deep check degraded (repeatable)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->check(validate_check_name);

  app.add_option("--tls", raw.tls,
                 "CERT KEY: serve https with this PEM certificate and private key (cpp-httplib's "
                 "SSLServer, keep-alive as over http); /_dev/stats then reports tls_handshakes "
                 "(SSL_CTX_sess_accept_good: every handshake completed, resumed ones included) and "
                 "tls_resumed (SSL_CTX_sess_hits). bmx-test-certs DIR writes a test PKI")
      ->type_name("CERT KEY")
      ->expected(2)
      ->check(CLI::ExistingFile);
  app.add_option("--latency-ms", options.latency_ms, "Delay added to every request")
      ->capture_default_str()
      ->check(CLI::Range(0, 600000));
  app.add_option("--uplink-kib-per-second", options.uplink_kib_per_second,
                 "A client's slow uplink: read the request bytes of all connections together at "
                 "most this many KiB a second (one shared bucket, 50 ms deep), with 32 KiB socket "
                 "receive buffers so the kernel holds little beyond it; /_dev/stats then reports "
                 "uplink_bytes_read. 0 is unlimited")
      ->capture_default_str()
      ->check(CLI::Range(0, 1048576));
  app.add_option("--fail-images", options.fail_images,
                 "Answer the first N image POSTs with --fail-status")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  app.add_option("--fail-requests", options.fail_requests,
                 "Answer the first N /api/v1 requests (not /health) with --fail-status")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  app.add_option("--fail-status", options.fail_status, "Status for injected failures")
      ->capture_default_str()
      ->check(CLI::Range(100, 599));
  app.add_option("--retry-after", raw.retry_after,
                 "Send Retry-After: S with injected failures");
  app.add_option("--max-upload-bytes", options.max_upload_bytes,
                 "Image POST bodies larger than this get the gateway's 413 {\"message\": ...}; 0 is unlimited")
      ->capture_default_str();

  app.add_option("--books", options.books, "Number of seeded books (ids 1..N)")
      ->capture_default_str()
      ->check(CLI::Range(0, 100000));
  app.add_option("--seed-image", options.seed_image_books,
                 "Give this book a primary image (repeatable)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  app.add_option("--image-base", options.image_base,
                 "Prefix of image URLs, e.g. http://127.0.0.2:PORT (default: relative)");
  app.add_option("--cdn-host", options.cdn_host,
                 "Also serve /images/ on HOST (e.g. 127.0.0.2, its own port) as production's CDN; "
                 "image URLs point there");
  app.add_option("--redirect", options.redirects,
                 "PATH=URL: answer requests to PATH with a redirect to URL (repeatable)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  declare_upload_timing(app, options, raw);
  declare_answer_faults(app, raw);

  app.add_option("--job-pending-ms", options.job_pending_ms,
                 "How long a background job stays pending")
      ->capture_default_str()
      ->check(CLI::Range(0, 86400000));
  app.add_option("--job-running-ms", options.job_running_ms,
                 "How long a background job then runs before it completes")
      ->capture_default_str()
      ->check(CLI::Range(0, 86400000));
  app.add_option("--job-stale-ms", options.job_stale_ms,
                 "A job running this long is failed as timed out (the real server: 15 minutes)")
      ->capture_default_str()
      ->check(CLI::Range(1, 86400000));
  app.add_option("--job-fail", options.job_fail,
                 "Background jobs end failed, with this error_message")
      ->type_name("MESSAGE");
}

std::string check_cross_option_rules(const DevserverOptions& options) {
  for (const std::string& redirect : options.redirects) {
    if (redirect.empty() || redirect.front() != '/' || redirect.find('=') == std::string::npos) {
      return "--redirect takes PATH=URL with PATH starting with /, got '" + redirect + "'";
    }
  }
  for (int book_id : options.seed_image_books) {
    if (book_id < 1 || book_id > options.books) {
      return "--seed-image " + std::to_string(book_id) + " is not a seeded book (1.." +
             std::to_string(options.books) + ")";
    }
  }
  return {};
}

}  // namespace

ParsedOptions parse_devserver_options(int argc, char** argv) {
  CLI::App app{description, "bmx-devserver"};
  DevserverOptions options;
  RawOptions raw;
  declare_options(app, options, raw);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    // app.exit prints the help or the problem; usage errors exit 2 like other CLIs.
    return {std::nullopt, app.exit(error) == 0 ? 0 : 2};
  }

  if (!raw.version_after.empty()) {
    options.version_after = parse_version_switch(raw.version_after);
    if (!options.version_after) {
      std::fprintf(stderr, "bmx-devserver: --version-after expects N:VERSION, got '%s'\n",
                   raw.version_after.c_str());
      return {std::nullopt, 2};
    }
  }
  if (!raw.retry_after.empty()) options.retry_after = raw.retry_after;
  for (const std::string& text : raw.slow_filenames) {
    const auto slow = parse_slow_filename(text);
    if (!slow) {
      std::fprintf(stderr, "bmx-devserver: --slow-filename expects NAME:MS (MS up to 600000), got '%s'\n",
                   text.c_str());
      return {std::nullopt, 2};
    }
    options.slow_filenames.push_back(*slow);
  }
  if (!raw.refuse_images_after.empty()) {
    options.refuse_images_after = parse_image_refusal(raw.refuse_images_after);
    if (!options.refuse_images_after) {
      std::fprintf(stderr,
                   "bmx-devserver: --refuse-images-after expects N:STATUS (STATUS 401, 403 or 404), "
                   "got '%s'\n",
                   raw.refuse_images_after.c_str());
      return {std::nullopt, 2};
    }
  }
  for (const std::string& text : raw.bogus_uploads) {
    const auto bogus = parse_bogus_upload(text);
    if (!bogus) {
      std::fprintf(stderr,
                   "bmx-devserver: --bogus-upload expects NAME:MODE (not-json, no-id, zero-id, "
                   "string-id, repeat-id, wrong-types or array), got '%s'\n",
                   text.c_str());
      return {std::nullopt, 2};
    }
    options.bogus_uploads.push_back(*bogus);
  }
  options.reorder_answer = reorder_answer_from(raw.reorder_answer);
  if (raw.tls.size() == 2) {
    options.tls_cert = raw.tls[0];
    options.tls_key = raw.tls[1];
  }
  if (const std::string problem = check_cross_option_rules(options); !problem.empty()) {
    std::fprintf(stderr, "bmx-devserver: %s\n", problem.c_str());
    return {std::nullopt, 2};
  }
  return {options, 0};
}

}  // namespace bmx::devserver
