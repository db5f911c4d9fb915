// `bmx-api download BOOK [DIR]`: fetch a book's images into DIR (default book-BOOK/), a status per image.
#include <algorithm>
#include <memory>
#include <mutex>

#include <fmt/format.h>

#include "answer_output.hpp"
#include "ci_report_options.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"
#include "output.hpp"
#include "signal_watch.hpp"
#include "api/book_routes.hpp"
#include "download/run_download.hpp"
#include "env/api_context.hpp"
#include "status/download_status.hpp"

namespace bmx::cli {
namespace download_command {

std::atomic<int> interrupts{0};

struct DownloadCommandOptions {
    std::string book_id;
    std::string dir;  // empty: book-BOOK
    std::size_t parallel = download::default_parallel;
    std::size_t max_file_mib = download::default_max_file_mib;
    bool force = false;
    bool primary = false;
    bool thumbnails = false;
    int retry = 3;
    bool ndjson = false;
};

bool succeeded(const download::ImageDownload& image) {
    return image.state == download::DownloadState::downloaded || image.state == download::DownloadState::skipped;
}

// Upload's rule: 0 when every image is in place; 4 when some are and some are not; when none
// is, the lowest class among the failures (1 for HTTP, 3 for the network, 6 for answers), but
// never 2 once the image list was read, because requests were sent: failures that are all
// local (write, format) are 4. A missing book or a refused key is that answer's class.
int exit_code_for_download(const download::DownloadReport& report) {
    if (report.interrupted) return exit_cancelled;
    if (report.stopped_by) return exit_code_for(*report.stopped_by);
    const auto good = static_cast<std::size_t>(std::count_if(report.images.begin(), report.images.end(), succeeded));
    if (good == report.images.size()) return exit_ok;
    if (good > 0) return exit_partial;
    int lowest = 0;
    for (const auto& image : report.images) {
        const int code = image.error ? exit_code_for(*image.error) : int{exit_internal};
        if (code == exit_usage) continue;
        lowest = lowest == 0 ? code : std::min(lowest, code);
    }
    return lowest == 0 ? int{exit_partial} : lowest;
}

void print_download_report(const download::DownloadReport& report, const std::string& dir, bool ndjson) {
    if (!ndjson) print_json(status::download_statuses_json(report.images));
    for (const std::string& warning : report.warnings) print_warning(warning);
    print_note(status::download_summary_line(report.images, dir));
    for (const auto& image : report.images) {
        if (image.state != download::DownloadState::failed || !image.error) continue;
        write_stderr(fmt::format("  failed: {} [{}] {}\n", stderr_text(image.file), stage_name(image.error->stage),
                                 stderr_text(image.error->message)));
    }
}

int run(const DownloadCommandOptions& command, const GlobalOptions& global) {
    if (auto misplaced = misplaced_request_options(global, "download"); !misplaced.empty()) return usage_error(misplaced);
    if (auto misplaced = misplaced_ci_options(global.ci, "download"); !misplaced.empty()) return usage_error(misplaced);
    if (!api::is_book_id(command.book_id))
        return usage_error(fmt::format("BOOK must be a book id (a number), got '{}'", command.book_id));
    const env::ProcessEnv process_env = env::ProcessEnv::system();
    auto context = env::resolve_api_context(environment_choice(global), process_env);
    if (!context) {
        print_error(context.error());
        return exit_code_for(context.error());
    }
    for (const std::string& warning : context->key.warnings) print_warning(warning);
    for (const std::string& note : context->route_notes) print_note(note);

    http::RetryPolicy retry;
    retry.max_retries = command.retry;
    auto transport = transport_options(global, retry);
    if (!transport) return usage_error(transport.error().message);
    download::DownloadOptions options;
    options.book_id = std::stoll(command.book_id);
    options.dir = command.dir.empty() ? "book-" + command.book_id : command.dir;
    options.parallel = command.parallel;
    options.max_file_bytes = command.max_file_mib << 20;
    options.force = command.force;
    options.selection = command.primary ? download::Selection::primary : download::Selection::every_image;
    options.variant = command.thumbnails ? download::Variant::thumbnail : download::Variant::original;
    options.transport = std::move(*transport);
    options.capture_request_head = global.verbose;

    std::mutex printing;  // statuses become final on the loop and on workers
    download::DownloadEvents events;
    if (command.ndjson)
        events.on_final = [&](std::size_t, const download::ImageDownload& image) {
            std::lock_guard lock(printing);
            print_framed_json_line(status::download_status_line(image));
        };
    if (global.verbose || global.include)
        events.on_answer = [&](const http::HttpResponse& response) {
            std::lock_guard lock(printing);
            print_exchange_heads(response, global);
        };
    events.on_retry = [&](const std::string& what, int attempt, const std::string& reason, std::chrono::milliseconds delay) {
        std::lock_guard lock(printing);
        print_note(fmt::format("{}retrying (attempt {} of {}) after {} in {:.1f} s", what.empty() ? "" : what + ": ", attempt,
                               command.retry + 1, reason, delay.count() / 1000.0));
    };

    interrupts.store(0);
    download::DownloadReport report;
    {
        SignalWatch signals(interrupts, [] { return std::string{}; });
        report = download::run_download(options, *context, interrupts, events);
    }
    if (report.stopped_by) {
        print_error(*report.stopped_by);
        return exit_code_for_download(report);
    }
    print_download_report(report, options.dir.string(), command.ndjson);
    return exit_code_for_download(report);
}

}  // namespace download_command

void add_download_command(CLI::App& app, const GlobalOptions& global, CommandRun& run) {
    auto options = std::make_shared<download_command::DownloadCommandOptions>();
    CLI::App* download = app.add_subcommand("download", "Download a book's images into DIR, named NN-NAME in book order");
    download->add_option("BOOK", options->book_id, "The book's id")->required();
    download->add_option("DIR", options->dir, "Where the files go (default book-BOOK; created if missing)")->type_name("DIR");
    download->add_option("--parallel", options->parallel, "Downloads in flight at once (default 6)")->check(CLI::Range(1, 64));
    download->add_option("--max-file-mib", options->max_file_mib, "Refuse an image body over N MiB (default 64)")
        ->type_name("N")
        ->check(CLI::Range(1, 4096));
    download->add_flag("--primary", options->primary, "Only the book's primary image (else its first)");
    download->add_flag("--thumbnails", options->thumbnails, "The server's thumbnails instead, named NN-NAME.thumb.jpg");
    download->add_flag("--force", options->force, "Replace a file of the same name that holds other content");
    download->add_option("--retry", options->retry, "Retry up to N times after transport errors and 408/429/5xx (default 3)")
        ->type_name("N")
        ->check(CLI::Range(0, 20));
    download->add_flag("--ndjson", options->ndjson, "One JSON line per image as it reaches its final state");
    download->callback([options, &global, &run] {
        run = [options, &global] { return download_command::run(*options, global); };
    });
}

}  // namespace bmx::cli
