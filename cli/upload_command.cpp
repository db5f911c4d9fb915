// The upload command and `--image F... POST /books/ID/images`: run the pipeline and print statuses.
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <mutex>
#include <utility>

#include <fmt/format.h>

#include "answer_output.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"
#include "output.hpp"
#include "progress_bar.hpp"
#include "signal_watch.hpp"
#include "core/message_safety.hpp"
#include "env/api_context.hpp"
#include "api/book_routes.hpp"
#include "image/thumbnail_write.hpp"
#include "report/suites.hpp"
#include "request/build_request.hpp"
#include "status/upload_status.hpp"
#include "status/upload_table.hpp"
#include "terminal_size.hpp"
#include "upload/collect_files.hpp"
#include "upload/pipeline.hpp"
#include "upload/upload_limit.hpp"
#include "upload/upload_record.hpp"

namespace bmx::cli {
namespace {

upload::InterruptCount interrupts{0};

struct UploadCommandOptions {
    std::string book_id;
    std::vector<std::string> paths;
    std::size_t parallel = 6;
    unsigned jobs = 0;
    ImageFieldOptions fields;
    bool no_reorder = false;
    bool arrange = false;
    std::optional<std::string> thumb_dir;
    int retry = 3;
    std::optional<std::string> old_retries;  // --retries, the old spelling: refused, naming --retry
    bool ndjson = false;
    bool dry_run = false;
    double max_megapixels = default_max_megapixels;
    std::size_t max_decode_mib = image::default_decode_budget_bytes >> 20;
    int max_jpeg_scans = image::default_max_jpeg_scans;
    UploadSendOptions send;
};

enum class OutputShape { single_object, array, ndjson };

// On a terminal the statuses are a table unless --json or --ndjson asks for JSON; a pipe always
// gets the JSON.
enum class Presentation { json, table };

Presentation presentation_for(OutputShape shape, bool json_asked) {
    if (json_asked || shape == OutputShape::ndjson || !stdout_is_terminal()) return Presentation::json;
    return Presentation::table;
}

int exit_code_for_batch(const upload::BatchReport& report) {
    if (report.internal_error) return exit_internal;
    if (report.interrupted) return exit_cancelled;
    if (report.stopped_by) return exit_code_for(*report.stopped_by);
    std::size_t succeeded = 0;
    int lowest_failure = 0;
    int lowest_sent_failure = 0;  // among files that were sent
    auto lower = [](int lowest, int code) { return lowest == 0 ? code : std::min(lowest, code); };
    for (const auto& status : report.statuses) {
        if (status.state != upload::UploadState::failed && status.state != upload::UploadState::cancelled) {
            ++succeeded;
            continue;
        }
        int code = status.error ? exit_code_for(*status.error) : int{exit_internal};
        lowest_failure = lower(lowest_failure, code);
        if (status.attempts > 0) lowest_sent_failure = lower(lowest_sent_failure, code);
    }
    if (lowest_failure == 0) return report.order_error ? int{exit_partial} : int{exit_ok};
    if (succeeded > 0) return exit_partial;
    // 2 promises that nothing was sent: with a file sent, the lowest class among the files sent.
    if (lowest_failure == exit_usage && lowest_sent_failure != 0) return lowest_sent_failure;
    return lowest_failure;
}

void print_failures(const std::vector<upload::FileStatus>& statuses) {
    for (const auto& status : statuses) {
        if (status.state != upload::UploadState::failed || !status.error) continue;
        write_stderr(fmt::format("  failed: {} [{}] {}\n", stderr_text(status.file), stage_name(status.error->stage),
                   stderr_text(status.error->message)));
    }
}

// What the third interrupt writes: every status as it stands, the unfinished ones as cancelled.
// Updated on the loop thread as files settle; read on the signal watcher's thread.
class LastStatuses {
public:
    LastStatuses(const std::vector<std::filesystem::path>& files, OutputShape shape)
        : shape_(shape), lines_(files.size()), statuses_(files.size()) {
        for (std::size_t i = 0; i < files.size(); ++i) {
            upload::FileStatus stub;
            stub.file = files[i].string();
            stub.state = upload::UploadState::cancelled;
            stub.error = Error{Stage::cancelled, "interrupted a third time before this file reached a final state; the "
                                                 "server may or may not have it (a re-run is safe)"};
            lines_[i] = {status::compact_status(stub), false};
            statuses_[i] = std::move(stub);
        }
    }
    void settled(std::size_t index, const upload::FileStatus& status) {
        std::string line = status::compact_status(status);
        std::lock_guard lock(mutex_);
        lines_[index].first = std::move(line);
        statuses_[index] = status;
    }
    // The statuses as they stand, for the CI report the third interrupt still writes.
    std::vector<upload::FileStatus> snapshot() {
        std::lock_guard lock(mutex_);
        return statuses_;
    }
    void printed(std::size_t index) {
        std::lock_guard lock(mutex_);
        lines_[index].second = true;
    }
    std::string render() {
        std::string out = render_json();
        return stdout_is_terminal() ? escape_control_characters(out) : out;  // as print_json_line does
    }

private:
    std::string render_json() {
        std::lock_guard lock(mutex_);
        std::string out;
        if (shape_ == OutputShape::ndjson) {
            for (const auto& [line, printed] : lines_)
                if (!printed) out += line + "\n";
            return out;
        }
        if (shape_ == OutputShape::single_object) return lines_.front().first + "\n";
        std::vector<std::string> all;
        for (const auto& [line, printed] : lines_) all.push_back(line);
        return status::status_array(all);
    }

    OutputShape shape_;
    std::mutex mutex_;
    std::vector<std::pair<std::string, bool>> lines_;  // status JSON, and whether --ndjson printed it
    std::vector<upload::FileStatus> statuses_;
};

status::TerminalStyle stdout_style() {
    return {terminal_columns(STDOUT_FILENO), use_colour_on_stdout() ? status::Colouring::ansi : status::Colouring::plain,
            terminal_is_dumb() ? status::Glyphs::ascii : status::Glyphs::unicode};
}

// shown_names: each file as the person named it (collect_files), or empty for the paths as given.
void print_report(const upload::BatchReport& report, const std::vector<std::string>& shown_names, OutputShape shape,
                  Presentation presentation) {
    const auto& statuses = report.statuses;
    if (presentation == Presentation::table) {
        print_text(status::render_upload_table(statuses, shown_names, stdout_style()));
    } else if (shape == OutputShape::single_object) {
        print_json(status::upload_status_json(statuses.front()));
    } else if (shape == OutputShape::array) {
        print_json(status::statuses_json(statuses));
    }
    for (const std::string& note : report.notes) print_note(note);
    for (const std::string& warning : report.warnings) print_warning(warning);
    if (report.stopped_by) print_error(*report.stopped_by);
    if (report.order_error) print_error(*report.order_error);
    if (shape == OutputShape::single_object) {
        const auto& only = statuses.front();
        // On a terminal the table's reason line already gave it whole.
        if (only.error && presentation == Presentation::json &&
            (!report.stopped_by || only.error->message != report.stopped_by->message) &&
            (!report.order_error || only.error->stage != Stage::reorder))
            print_error(*only.error);
        for (const auto& warning : only.warnings) print_warning(fmt::format("{}: {}", only.file, warning));
        return;
    }
    if (presentation == Presentation::json) {  // the table has its own summary and reason lines
        print_note(status::upload_summary_line(statuses));
        print_failures(statuses);
    }
    for (const auto& status : statuses)
        for (const auto& warning : status.warnings) print_warning(fmt::format("{}: {}", status.file, warning));
}

int run_pipeline(upload::UploadOptions options, const UploadSendOptions& send, const GlobalOptions& global,
                 OutputShape shape, Presentation presentation, const upload::CollectedFiles& collected) {
    const std::vector<std::string>& notes = collected.notes;
    const env::ProcessEnv process_env = env::ProcessEnv::system();
    auto ci = plan_ci_report(global.ci);
    if (!ci) return usage_error(ci.error().message);
    const std::string book = options.book_id ? fmt::format("book {}", *options.book_id) : options.target_path;
    auto context = env::resolve_api_context(environment_choice(global), process_env);
    if (!context) {
        print_error(context.error());
        return deliver_ci_report(report::setup_failure_suite("upload to " + book, "bmx-api upload", context.error()), *ci,
                                 exit_code_for(context.error()));
    }
    auto limit = upload::resolve_upload_limit(send.max_upload_bytes, process_env, context->environment);
    if (!limit) return usage_error(limit.error().message);
    options.limit = *limit;
    options.fit = send.fit;
    options.resend = send.resend;
    options.record_dir = upload::default_record_dir(process_env);
    if (send.fit && limit->bytes == 0)
        print_note(fmt::format("--fit: no request-size limit applies to {}, so no file is re-encoded (--max-upload-bytes "
                               "sets one)",
                               context->environment.base_url));
    for (const std::string& warning : context->key.warnings) print_warning(warning);
    for (const std::string& note : context->route_notes) print_note(note);
    for (const std::string& note : notes) print_note(note);
    auto transport = transport_options(global, options.transport.retry);  // upload's own retry policy
    if (!transport) return usage_error(transport.error().message);
    options.transport = std::move(*transport);
    options.capture_request_head = global.verbose;
    if (auto phase = process_env.get("BMX_INJECT_FAULT")) {
        options.inject_fault = upload::batch_phase_named(*phase);
        if (!options.inject_fault) return usage_error("BMX_INJECT_FAULT names none of the phases prepare, learn, send, place, record");
    }

    bool bar_fits = stderr_is_terminal() && !terminal_is_dumb() && shape != OutputShape::single_object;
    ProgressBar progress(bar_fits ? ProgressBar::Shown::on_terminal : ProgressBar::Shown::never);
    LastStatuses last_statuses(options.files, shape);
    upload::PipelineEvents events;
    events.on_file_known = [&](std::size_t index, const upload::FileStatus& status) { last_statuses.settled(index, status); };
    events.on_file_final = [&](std::size_t index, const upload::FileStatus& status) {
        last_statuses.settled(index, status);
        if (shape != OutputShape::ndjson) return;
        progress.clear();
        print_framed_json_line(status::status_line(status));
        last_statuses.printed(index);
    };
    events.on_progress = [&](const upload::Progress& p) { progress.draw(p); };
    if (global.verbose || global.include)
        events.on_answer = [&](const std::string& file, const http::HttpResponse& response) {
            progress.clear();
            if (!file.empty()) write_stderr(fmt::format("* {}\n", stderr_text(file)));
            print_exchange_heads(response, global);
        };
    events.on_retry = [&](const std::string& file, int attempt, const std::string& reason, std::chrono::milliseconds delay) {
        progress.clear();
        print_note(fmt::format("{}retrying (attempt {} of {}) after {} in {:.1f} s", file.empty() ? "" : file + ": ", attempt,
                               options.transport.retry.max_retries + 1, reason, delay.count() / 1000.0));
    };

    interrupts.store(0);
    const auto started = std::chrono::steady_clock::now();
    upload::BatchReport report;
    Status ran = Ok{};
    {
        SignalWatch signals(interrupts, [&] {
            // Leaving at once still leaves the CI report whole, with what is known so far.
            if (ci->any()) {
                const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
                report::CiDelivery delivery = report::deliver(report::upload_suite(book, last_statuses.snapshot(), elapsed), *ci);
                for (const std::string& line : delivery.annotations) write_stderr(line);
            }
            return last_statuses.render();
        });
        try {
            ran = upload::run_upload(options, *context, interrupts, events, report);
        } catch (const std::exception& error) {
            upload::close_batch(report, Error{Stage::internal, fmt::format("unexpected error (a bug): {}", error.what())});
        } catch (...) {
            upload::close_batch(report, Error{Stage::internal, "unexpected error (a bug)"});
        }
    }
    progress.clear();
    if (!ran) {
        print_error(ran.error());
        return deliver_ci_report(report::setup_failure_suite("upload to " + book, "bmx-api upload", ran.error()), *ci,
                                 exit_code_for(ran.error()));
    }
    if (report.statuses.empty()) return exit_internal;
    print_report(report, collected.shown_names, shape, presentation);
    const auto elapsed = std::chrono::steady_clock::now() - started;
    return deliver_ci_report(report::upload_suite(book, report.statuses,
                                                  std::chrono::duration<double>(elapsed).count()),
                             *ci, exit_code_for_batch(report));
}

// --primary (the batch's first file) or --primary=FILE (an input file, matched by path).
Result<std::optional<std::size_t>> primary_index(const std::string& primary, const std::vector<std::filesystem::path>& files) {
    if (primary.empty()) return std::optional<std::size_t>();
    if (primary == primary_first) return std::optional<std::size_t>(0);
    std::error_code error;
    auto wanted = std::filesystem::weakly_canonical(primary, error);
    for (std::size_t i = 0; i < files.size(); ++i) {
        std::error_code file_error;
        if (files[i] == primary || (!error && std::filesystem::weakly_canonical(files[i], file_error) == wanted && !file_error))
            return std::optional<std::size_t>(i);
    }
    return make_error(Stage::usage, fmt::format("--primary={} is not one of the files to upload", primary));
}

// True when the word directly follows a bare --primary on the command line: `--primary FILE`
// makes FILE another input, not the primary one.
bool follows_bare_primary(const std::vector<std::string>& words, const std::string& word) {
    for (std::size_t i = 1; i < words.size(); ++i)
        if (words[i] == word && words[i - 1] == "--primary") return true;
    return false;
}

std::string did_you_mean_primary(const std::string& word) { return fmt::format("did you mean --primary={}?", word); }

// Each file once, and a bare --primary never followed by an input it does not mean: exit 2,
// before anything is read or sent.
std::optional<std::string> input_mistake(const upload::CollectedFiles& collected, const std::vector<std::string>& paths,
                                         const ImageFieldOptions& fields, const std::vector<std::string>& words) {
    if (auto repeated = upload::find_repeated_input(collected, paths)) {
        std::string message = repeated->message;
        for (const std::string* argument : {&repeated->first_argument, &repeated->second_argument})
            if (fields.primary == primary_first && follows_bare_primary(words, *argument))
                return fmt::format("{}; {}", message, did_you_mean_primary(*argument));
        return message;
    }
    if (fields.primary != primary_first) return std::nullopt;
    for (std::size_t i = 1; i < paths.size(); ++i)
        if (follows_bare_primary(words, paths[i]))
            return fmt::format("a bare --primary makes the first file ({}) primary, and '{}' after it is another input; {}",
                               paths.front(), paths[i], did_you_mean_primary(paths[i]));
    return std::nullopt;
}

int run_upload_command(const UploadCommandOptions& command, const GlobalOptions& global) {
    if (auto misplaced = misplaced_request_options(global, "upload"); !misplaced.empty()) return usage_error(misplaced);
    if (!api::is_book_id(command.book_id))
        return usage_error(fmt::format("BOOK_ID must be a number, got '{}'", command.book_id));
    if (command.old_retries) return usage_error("upload --retries is now --retry N (default 3), as for every command");
    auto collected = upload::collect_files(command.paths);
    if (collected.files.empty()) {
        for (const std::string& note : collected.notes) print_note(note);
        return usage_error("no files to upload");
    }
    if (auto mistake = input_mistake(collected, command.paths, command.fields, global.words)) return usage_error(*mistake);
    if (command.thumb_dir)
        if (auto out = image::check_thumbnail_dir(*command.thumb_dir); !out)
            return usage_error(with_option("--thumb-dir", out.take_error()).message);
    auto primary = primary_index(command.fields.primary, collected.files);
    if (!primary) return usage_error(primary.error().message);
    upload::UploadOptions options;
    options.book_id = std::stoll(command.book_id);
    options.target_path = api::book_images_path(*options.book_id);
    options.files = collected.files;
    options.parallel = command.parallel;
    options.jobs = command.jobs;
    options.image_type = command.fields.image_type.value_or("");
    options.primary_index = *primary;
    options.reorder = !command.no_reorder;
    options.arrangement = command.arrange ? upload::Arrangement::arrange : upload::Arrangement::keep;
    options.caption = command.fields.caption;
    if (command.thumb_dir) options.thumb_dir = *command.thumb_dir;
    options.transport.retry.max_retries = command.retry;
    options.dry_run = command.dry_run;
    options.max_pixels = max_pixels_from_megapixels(command.max_megapixels);
    options.decode_budget_bytes = command.max_decode_mib << 20;
    options.max_jpeg_scans = command.max_jpeg_scans;
    auto shape = command.ndjson ? OutputShape::ndjson : OutputShape::array;
    return run_pipeline(std::move(options), command.send, global, shape, presentation_for(shape, command.fields.json),
                        collected);
}

}  // namespace

void add_image_request_options(CLI::App& app, ImageRequestOptions& options) {
    app.add_option("--image", options.files, "Upload FILE to POST /books/ID/images as multipart field 'file' (repeatable)")
        ->type_name("FILE")
        ->allow_extra_args(false);
    add_image_field_options(app, options.fields);
    add_upload_send_options(app, options.send);
}

int run_image_request(const std::string& method, const std::string& path, const ImageRequestOptions& image,
                      const GlobalOptions& global) {
    auto parsed = request::parse_method(method);
    if (!parsed) return usage_error(parsed.error().message);
    // The one route that takes images: anything else would send the file for a 404 or a 405.
    std::optional<long long> book_id = api::book_id_of_images_path(path);
    if (*parsed != http::Method::post || !book_id)
        return usage_error(fmt::format("--image uploads to a book's images: POST /books/ID/images (e.g. --image photo.jpg "
                                       "POST /books/123/images), not {} {}",
                                       method, path));
    upload::UploadOptions options;
    options.target_path = path;
    for (const std::string& file : image.files) options.files.emplace_back(file);
    upload::CollectedFiles given;
    given.files = options.files;
    given.shown_names = image.files;
    for (std::size_t i = 0; i < image.files.size(); ++i) given.argument.push_back(i);
    if (auto mistake = input_mistake(given, image.files, image.fields, global.words)) return usage_error(*mistake);
    auto primary = primary_index(image.fields.primary, options.files);
    if (!primary) return usage_error(primary.error().message);
    options.image_type = image.fields.image_type.value_or("");
    options.primary_index = *primary;
    options.book_id = book_id;
    options.caption = image.fields.caption;
    auto shape = options.files.size() == 1 ? OutputShape::single_object : OutputShape::array;
    return run_pipeline(std::move(options), image.send, global, shape, presentation_for(shape, image.fields.json),
                        std::move(given));
}

void add_upload_command(CLI::App& app, const GlobalOptions& global, CommandRun& run) {
    auto options = std::make_shared<UploadCommandOptions>();
    CLI::App* upload = app.add_subcommand("upload", "Upload a book's photos: thumbnail locally, upload concurrently, a status per file");
    upload->add_option("BOOK_ID", options->book_id, "The book's id")->required();
    upload->add_option("PATH", options->paths, "Image files, or directories (their images, sorted by name)")
        ->type_name("FILE")
        ->required();
    upload->add_option("--parallel", options->parallel, "Uploads in flight at once (default 6)")->check(CLI::Range(1, 64));
    upload->add_option("--jobs", options->jobs, "Thumbnail worker threads (default: one per core)")->check(CLI::Range(1, 64));
    add_image_field_options(*upload, options->fields);
    upload->add_flag("--no-reorder", options->no_reorder,
                     "Leave the server's image order as the uploads landed (statuses still show it)");
    upload->add_flag("--arrange", options->arrange,
                     "Make these files, new or already on the book, its first images in input order")
        ->excludes("--no-reorder");
    upload->add_option("--thumb-dir", options->thumb_dir, "Also write each local thumbnail to DIR as <stem>.thumb.jpg")
        ->type_name("DIR");
    upload->add_option("--retry", options->retry, "Retry up to N times after transport errors and 408/429/5xx (default 3)")
        ->type_name("N")
        ->check(CLI::Range(0, 20));
    upload->add_option("--retries", options->old_retries, "The old spelling of --retry")->group("");
    add_max_megapixels_option(*upload, options->max_megapixels);
    add_decode_limit_options(*upload, options->max_decode_mib, options->max_jpeg_scans);
    add_upload_send_options(*upload, options->send);
    upload->add_flag("--ndjson", options->ndjson,
                     "One JSON line per file: a failed or cancelled file when final, stored files once the book is placed");
    upload->add_flag("--dry-run", options->dry_run, "Check and thumbnail everything, print what would be sent, send nothing");
    upload->callback([options, &global, &run] { run = [options, &global] { return run_upload_command(*options, global); }; });
}

}  // namespace bmx::cli
