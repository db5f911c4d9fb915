// --max-upload-bytes, --fit and --resend, declared the same way on upload and with --image.
#include <fmt/format.h>

#include "commands.hpp"
#include "upload/upload_limit.hpp"

namespace bmx::cli {

void add_upload_send_options(CLI::App& app, UploadSendOptions& options) {
    app.add_option("--max-upload-bytes", options.max_upload_bytes,
                   fmt::format("Largest multipart request to send, in bytes; 0 = no limit (default {} for the hosted "
                               "API, none elsewhere; also BMX_MAX_UPLOAD_BYTES)",
                               upload::hosted_max_upload_bytes))
        ->type_name("N")
        ->check(CLI::Range(std::size_t{0}, upload::max_upload_limit_setting));
    app.add_flag("--fit", options.fit,
                 "Re-encode the upload copy of a file over the limit as a JPEG that fits (the file is untouched)");
    app.add_flag("--resend", options.resend, "Send every file, even those the upload record says the book holds");
}

}  // namespace bmx::cli
