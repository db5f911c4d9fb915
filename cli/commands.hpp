// The commands bmx-api offers: each declares its options into a struct and runs the library.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "core/result.hpp"
#include "env/environment.hpp"
#include "global_options.hpp"
#include "http/transport_options.hpp"

namespace bmx::cli {

// --max-upload-bytes, --fit and --resend: how large a request may be, and what is sent again.
struct UploadSendOptions {
    std::optional<std::size_t> max_upload_bytes;
    bool fit = false;
    bool resend = false;
    bool any_set() const { return max_upload_bytes.has_value() || fit || resend; }
};

// --type, --primary[=FILE], --caption and --json: declared once (add_image_field_options) for
// upload and for --image, with one help text each.
struct ImageFieldOptions {
    std::optional<std::string> image_type;
    std::string primary;  // "" without --primary, primary_first with a bare --primary, else FILE
    std::optional<std::string> caption;
    bool json = false;  // --json: the statuses as JSON on a terminal too
    std::vector<const CLI::Option*> declared;
    // Whether any of them was on the command line, whatever its value.
    bool any_given() const {
        for (const CLI::Option* option : declared)
            if (option->count() > 0) return true;
        return false;
    }
};

// What CLI11 stores for a bare --primary: the batch's first file. (A file named "true" is given
// as --primary=./true.)
inline constexpr const char* primary_first = "true";

void add_image_field_options(CLI::App& app, ImageFieldOptions& options);

// `--image F... [--type T] [--primary[=FILE]] [--caption TEXT] [--json]` on the request command: the upload pipeline.
struct ImageRequestOptions {
    std::vector<std::string> files;
    ImageFieldOptions fields;
    UploadSendOptions send;
    bool any_set() const { return fields.any_given() || send.any_set(); }
};

// The command chosen on the command line; main() runs it after parsing and returns its exit code.
using CommandRun = std::function<int()>;

void add_image_request_options(CLI::App& app, ImageRequestOptions& options);
// --max-megapixels N (upload and thumbnail, default 100): images declaring more pixels are refused
// from their header; and the pixel count it means.
inline constexpr double default_max_megapixels = 100;
void add_max_megapixels_option(CLI::App& app, double& max_megapixels);
std::int64_t max_pixels_from_megapixels(double max_megapixels);
// --max-decode-mib and --max-jpeg-scans (upload and thumbnail): the bounds on each decode.
void add_decode_limit_options(CLI::App& app, std::size_t& max_decode_mib, int& max_jpeg_scans);
// --max-upload-bytes, --fit and --resend, declared the same way on upload and with --image.
void add_upload_send_options(CLI::App& app, UploadSendOptions& options);
// --wait-until, --fail-if, --interval and --wait-timeout, declared with the other request options.
void add_wait_options(CLI::App& app, WaitOptions& options);
int run_image_request(const std::string& method, const std::string& path, const ImageRequestOptions& options,
                      const GlobalOptions& global);

env::EnvironmentChoice environment_choice(const GlobalOptions& global);
int usage_error(const std::string& message);

// The library's messages never name command-line options; this puts the option in front:
// "--paginate: the server reports 2000 pages; ...".
Error with_option(std::string_view option, Error error);

// The -H headers and --timeout every command's requests share, with the command's retry
// policy. A malformed header or an out-of-range timeout is a usage error.
Result<http::TransportOptions> transport_options(const GlobalOptions& global, const http::RetryPolicy& retry);

// The request-only options (--jq, --paginate, --retry, --retry-delay, --retry-all, --timing, and
// --wait-until, --fail-if, --interval, --wait-timeout) given to a command they do not apply to:
// the message saying so, or empty. Never silently ignored.
std::string misplaced_request_options(const GlobalOptions& global, const std::string& command);

// --jq, --retry, --retry-delay, --retry-all and --timing, and --paginate where it is offered:
// for requests on the program itself, and declared again on the commands that take them.
enum class Pagination { offered, not_offered };
// CLI11's own group ("Options") on the program; shared_scripting_group on a command.
void add_scripting_options(CLI::App& app, ScriptingOptions& scripting, Pagination pagination,
                           const std::string& group = "Options");

void add_request_command(CLI::App& app, const GlobalOptions& global, CommandRun& run);
void add_config_command(CLI::App& app, const GlobalOptions& global, CommandRun& run);
void add_thumbnail_command(CLI::App& app, const GlobalOptions& global, CommandRun& run);
void add_upload_command(CLI::App& app, const GlobalOptions& global, CommandRun& run);
void add_download_command(CLI::App& app, const GlobalOptions& global, CommandRun& run);
void add_verify_command(CLI::App& app, GlobalOptions& global, CommandRun& run);
void add_completion_command(CLI::App& app, const GlobalOptions& global, CommandRun& run);

}  // namespace bmx::cli
