// The upload command and `--image F... POST /books/ID/images`: run the pipeline and print statuses.
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

#include <algorithm>

#include <fmt/format.h>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "output.hpp"
#include "progress_bar.hpp"
#include "env/api_context.hpp"
#include "request/build_request.hpp"
#include "status/upload_status.hpp"
#include "upload/collect_files.hpp"
#include "upload/pipeline.hpp"

namespace bmx::cli {
namespace {

upload::InterruptCount interrupts{0};

extern "C" void on_interrupt(int) {
    interrupts.fetch_add(1);
    // A third Ctrl-C leaves at once, for when even the clean stop is stuck.
    if (interrupts.load() >= 3) std::_Exit(exit_cancelled);
}

// Installs the Ctrl-C handler for the length of a batch.
class InterruptScope {
public:
    InterruptScope() {
        struct sigaction action {};
        action.sa_handler = on_interrupt;
        sigemptyset(&action.sa_mask);
        ::sigaction(SIGINT, &action, &previous_);
    }
    ~InterruptScope() { ::sigaction(SIGINT, &previous_, nullptr); }
    InterruptScope(const InterruptScope&) = delete;
    InterruptScope& operator=(const InterruptScope&) = delete;

private:
    struct sigaction previous_ {};
};

struct UploadCommandOptions {
    std::string book_id;
    std::vector<std::string> paths;
    std::size_t parallel = 6;
    unsigned jobs = 0;
    std::string image_type;
    bool primary = false;
    std::optional<std::string> caption;
    std::optional<std::string> thumb_dir;
    int retries = 3;
    bool ndjson = false;
    bool dry_run = false;
};

enum class OutputShape { single_object, array, ndjson };

int exit_code_for_batch(const std::vector<upload::FileStatus>& statuses) {
    bool any_cancelled = std::any_of(statuses.begin(), statuses.end(),
                                     [](const auto& s) { return s.state == upload::UploadState::cancelled; });
    if (any_cancelled) return exit_cancelled;
    std::size_t succeeded = 0;
    int lowest_failure = 0;
    for (const auto& status : statuses) {
        if (status.state != upload::UploadState::failed) {
            ++succeeded;
            continue;
        }
        int code = status.error ? exit_code_for(*status.error) : exit_usage;
        lowest_failure = lowest_failure == 0 ? code : std::min(lowest_failure, code);
    }
    if (lowest_failure == 0) return exit_ok;
    return succeeded > 0 ? int{exit_partial} : lowest_failure;
}

void print_failures(const std::vector<upload::FileStatus>& statuses) {
    for (const auto& status : statuses) {
        if (status.state != upload::UploadState::failed || !status.error) continue;
        fmt::print(stderr, "  failed: {} [{}] {}\n", status.file, status.error->stage, status.error->message);
    }
}

int run_pipeline(upload::UploadOptions options, const GlobalOptions& global, OutputShape shape,
                 const std::vector<std::string>& notes) {
    auto context = env::resolve_api_context(environment_choice(global), env::ProcessEnv::system());
    if (!context) {
        print_error(context.error());
        return exit_code_for(context.error());
    }
    for (const std::string& warning : context->key.warnings) print_warning(warning);
    for (const std::string& note : notes) print_note(note);
    auto transport = transport_options(global, options.transport.retry);  // upload's own retry policy
    if (!transport) return usage_error(transport.error().message);
    options.transport = std::move(*transport);

    ProgressBar progress(stderr_is_terminal() && shape != OutputShape::single_object);
    upload::PipelineEvents events;
    events.on_file_final = [&](std::size_t, const upload::FileStatus& status) {
        if (shape != OutputShape::ndjson) return;
        progress.clear();
        print_json_line(status::upload_status_json(status));
    };
    events.on_progress = [&](const upload::Progress& p) { progress.draw(p); };
    events.on_retry = [&](const upload::FileStatus& status, int attempt, const std::string& reason,
                          std::chrono::milliseconds delay) {
        progress.clear();
        print_note(fmt::format("{}: retrying (attempt {} of {}) after {} in {:.1f} s", status.file, attempt,
                               options.transport.retry.max_retries + 1, reason, delay.count() / 1000.0));
    };

    interrupts.store(0);
    InterruptScope interrupt_scope;
    auto statuses = upload::run_upload(options, *context, interrupts, events);
    progress.clear();
    if (!statuses) {
        print_error(statuses.error());
        return exit_code_for(statuses.error());
    }
    if (shape == OutputShape::single_object) {
        print_json(status::upload_status_json(statuses->front()));
    } else if (shape == OutputShape::array) {
        nlohmann::json all = nlohmann::json::array();
        for (const auto& status : *statuses) all.push_back(status::upload_status_json(status));
        print_json(all);
    }
    if (shape == OutputShape::single_object) {
        const auto& only = statuses->front();
        if (only.error) print_error(*only.error);
        for (const auto& warning : only.warnings) print_warning(fmt::format("{}: {}", only.file, warning));
    } else {
        print_note(status::upload_summary_line(*statuses));
        print_failures(*statuses);
        for (const auto& status : *statuses)
            for (const auto& warning : status.warnings) print_warning(fmt::format("{}: {}", status.file, warning));
    }
    return exit_code_for_batch(*statuses);
}

bool is_book_id(const std::string& text) {
    return !text.empty() && text.size() < 19 && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int run_upload_command(const UploadCommandOptions& command, const GlobalOptions& global) {
    if (auto misplaced = misplaced_request_options(global, "upload"); !misplaced.empty()) return usage_error(misplaced);
    if (!is_book_id(command.book_id))
        return usage_error(fmt::format("BOOK_ID must be a number, got '{}'", command.book_id));
    auto collected = upload::collect_files(command.paths);
    if (collected.files.empty()) {
        for (const std::string& note : collected.notes) print_note(note);
        return usage_error("no files to upload");
    }
    upload::UploadOptions options;
    options.target_path = "/books/" + command.book_id + "/images";
    options.files = std::move(collected.files);
    options.parallel = command.parallel;
    options.jobs = command.jobs;
    options.image_type = command.image_type;
    options.primary = command.primary;
    options.caption = command.caption;
    if (command.thumb_dir) options.thumb_dir = *command.thumb_dir;
    options.transport.retry.max_retries = command.retries;
    options.dry_run = command.dry_run;
    return run_pipeline(std::move(options), global, command.ndjson ? OutputShape::ndjson : OutputShape::array, collected.notes);
}

}  // namespace

void add_image_request_options(CLI::App& app, ImageRequestOptions& options) {
    app.add_option("--image", options.files, "Upload FILE to PATH as multipart field 'file' (repeatable)")
        ->allow_extra_args(false);
    app.add_option("--type", options.image_type, "With --image: the image_type query parameter (server default: detail)");
    app.add_flag("--primary", options.primary, "With --image: mark the image as the book's primary image");
    app.add_option("--caption", options.caption, "With --image: the caption query parameter");
}

int run_image_request(const std::string& method, const std::string& path, const ImageRequestOptions& image,
                      const GlobalOptions& global) {
    auto parsed = request::parse_method(method);
    if (!parsed) return usage_error(parsed.error().message);
    if (*parsed != http::Method::post) return usage_error("--image uploads with POST, e.g. --image photo.jpg POST /books/123/images");
    upload::UploadOptions options;
    options.target_path = path;
    for (const std::string& file : image.files) options.files.emplace_back(file);
    options.image_type = image.image_type;
    options.primary = image.primary;
    options.caption = image.caption;
    auto shape = options.files.size() == 1 ? OutputShape::single_object : OutputShape::array;
    return run_pipeline(std::move(options), global, shape, {});
}

void add_upload_command(CLI::App& app, const GlobalOptions& global, CommandRun& run) {
    auto options = std::make_shared<UploadCommandOptions>();
    CLI::App* upload = app.add_subcommand("upload", "Upload a book's photos: thumbnail locally, upload concurrently, a status per file");
    upload->add_option("BOOK_ID", options->book_id, "The book's id")->required();
    upload->add_option("PATH", options->paths, "Image files, or directories (their images, sorted by name)")->required();
    upload->add_option("--parallel", options->parallel, "Uploads in flight at once (default 6)")->check(CLI::Range(1, 64));
    upload->add_option("--jobs", options->jobs, "Thumbnail worker threads (default: one per core)")->check(CLI::Range(1, 64));
    upload->add_option("--type", options->image_type, "The image_type query parameter (server default: detail)");
    upload->add_flag("--primary", options->primary, "Mark the images as primary (is_primary=true)");
    upload->add_option("--caption", options->caption, "The caption query parameter");
    upload->add_option("--thumb-dir", options->thumb_dir, "Also write each local thumbnail to DIR as <stem>.thumb.jpg");
    upload->add_option("--retries", options->retries, "Retries after transport errors and 408/429/5xx (default 3)")
        ->check(CLI::Range(0, 20));
    upload->add_flag("--ndjson", options->ndjson, "Print one JSON line per file as each finishes");
    upload->add_flag("--dry-run", options->dry_run, "Check and thumbnail everything, print what would be sent, send nothing");
    upload->callback([options, &global, &run] { run = [options, &global] { return run_upload_command(*options, global); }; });
}

}  // namespace bmx::cli
