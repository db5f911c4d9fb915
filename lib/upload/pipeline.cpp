// The upload batch's coordinator: it wires the phases together and runs the transfer loop once.
// Prepare (workers) feeds send; learn opens send; when every file is final, place; then record.
// Each phase's logic lives in its own unit; this file only routes their outputs.
#include "upload/batch_advice.hpp"
#include "upload/pipeline.hpp"

#include <algorithm>
#include <optional>
#include <stdexcept>

#include <fmt/format.h>

#include "core/ordered_budget.hpp"
#include "http/url.hpp"
#include "upload/batch_record.hpp"
#include "upload/book_placer.hpp"
#include "upload/book_requests.hpp"
#include "upload/file_preparer.hpp"
#include "upload/held_content.hpp"
#include "upload/upload_record.hpp"
#include "upload/upload_request.hpp"
#include "upload/upload_sender.hpp"

namespace bmx::upload {
namespace {

using Clock = std::chrono::steady_clock;

// How long transfers in flight may run on after the first interrupt before they are aborted.
constexpr std::chrono::seconds cancel_grace{3};
// After an interrupt, the one reorder that places what landed is bounded by this.
constexpr long interrupted_reorder_timeout_ms = 2000;

constexpr const char* interrupted_reason = "cancelled by an interrupt (Ctrl-C, SIGTERM or SIGHUP) before its upload started";

// The upload a progress line names: the only one in flight, or the largest (the first of those
// as large); the batch's own requests carry no label and are left out.
std::optional<FileInFlight> largest_in_flight(const std::vector<http::TransferLoop::InFlight>& in_flight) {
    std::optional<FileInFlight> largest;
    for (const http::TransferLoop::InFlight& transfer : in_flight) {
        if (transfer.label.empty() || (largest && transfer.body_bytes <= largest->request_bytes)) continue;
        largest = FileInFlight{transfer.label, transfer.bytes_confirmed, transfer.body_bytes};
    }
    return largest;
}

void inject(const UploadOptions& options, BatchPhase phase, const char* name) {
    if (options.inject_fault == phase) throw std::runtime_error(fmt::format("injected fault in the {} phase", name));
}

// Where the batch is: its files are being prepared and sent, the book is being placed, or done.
enum class Step { sending, placing, ended };

class UploadBatch {
public:
    UploadBatch(const UploadOptions& options, const env::ApiContext& context, http::HttpRequest request_template,
                UploadRecord record, const InterruptCount& interrupts, const PipelineEvents& events, BatchReport& report)
        : options_(options),
          interrupts_(interrupts),
          events_(events),
          report_(report),
          statuses_(init_statuses(report, options)),
          outcome_context_{env::describe_key_for_401(context), request_template.api_origin, options.limit},
          book_requests_(options, context, events, outcome_context_),
          record_(std::move(record)),
          checks_record_(!record_.empty() && !options.resend && places_book()),
          held_(checks_record_ ? HeldContent::pending(holdable_contents(record_, options.fit)) : HeldContent::none()),
          budget_(options.memory_budget_bytes),
          loop_(options.parallel),
          sender_(options, loop_, std::move(request_template), outcome_context_, events, statuses_, sender_events()),
          placer_(options, loop_, book_requests_, report),
          preparer_(options, loop_, interrupts, held_, budget_, prepare_events()) {
        if (!places_book()) sender_.open();
    }

    void run() {
        preparer_.start();
        loop_.run([this] { return step_ != Step::ended || !preparer_.all_reported(); }, [this] { on_tick(); });
        write_record();
        report_progress(report_.interrupted || report_.stopped_by ? ProgressPhase::cancelled : ProgressPhase::finished);
    }

private:
    static std::vector<FileStatus>& init_statuses(BatchReport& report, const UploadOptions& options) {
        report.statuses.assign(options.files.size(), FileStatus{});
        for (std::size_t i = 0; i < options.files.size(); ++i) report.statuses[i].file = options.files[i].string();
        return report.statuses;
    }

    bool places_book() const { return options_.book_id.has_value() && !options_.dry_run; }

    PrepareEvents prepare_events() {
        PrepareEvents events;
        // The book's image list is read once a file is known to be sendable, so that a batch whose
        // files all fail locally sends nothing at all (exit 2 keeps its promise): a file whose
        // content the record holds (an earlier run sent it) as soon as it is hashed, since its
        // worker waits for the list instead of decoding it; any other once it is ready to go
        // (the sender asks, waiting_for_book).
        events.hashed = [this](std::size_t index, const std::string& sha256) {
            sender_.hashed(index, sha256);
            if (checks_record_ && held_.may_hold(sha256)) learn();
        };
        events.prepared = [this](PreparedFile prepared) {
            sender_.prepared(std::move(prepared));
            sending_may_be_over();
        };
        return events;
    }

    UploadSender::Events sender_events() {
        UploadSender::Events events;
        events.final = [this](std::size_t index) { on_file_final(index); };
        events.batch_answer = [this](std::size_t index, const Error& cause) {
            stop_batch(cause, fmt::format("not sent: {} was answered {}; the batch stopped there", statuses_[index].file,
                                          cause.message));
        };
        events.waiting_for_book = [this] { learn(); };
        return events;
    }

    // ---- Learn the book: its image list, read once, before any photo is sent.

    void learn() {
        if (learning_started_ || !places_book()) return;
        learning_started_ = true;
        book_requests_.read_images(loop_, CancelToken(interrupts_),
                                   fmt::format("reading book {}'s images before the upload", *options_.book_id),
                                   [this](Result<BookImages> learned) { on_learned(std::move(learned)); });
    }

    void on_learned(Result<BookImages> learned) {
        inject(options_, BatchPhase::learn, "learn");
        if (step_ != Step::sending) return;  // every file ended first: nothing waits for the book
        if (!learned) return stop_batch(learned.error(), fmt::format("not sent: {}", learned.error().message));
        for (std::string& warning : learned->warnings) report_.warnings.push_back(std::move(warning));
        book_ = std::move(learned->images);
        if (checks_record_) held_.decide(held_by_book(record_, *book_, options_.fit));
        sender_.open();
    }

    // ---- Send: each file's end, and stopping.

    void on_file_final(std::size_t index) {
        const FileStatus& status = statuses_[index];
        if (events_.on_file_known) events_.on_file_known(index, status);
        if (status.succeeded() && places_book())
            placed_later_.push_back(index);  // printed once its place is known
        else if (events_.on_file_final)
            events_.on_file_final(index, status);
        sending_may_be_over();
    }

    void stop_batch(const Error& cause, std::string reason) {
        if (!report_.stopped_by && !report_.interrupted) report_.stopped_by = cause;
        preparer_.cancel();
        sender_.stop(Error{Stage::cancelled, std::move(reason), cause.http_status});
        sending_may_be_over();
    }

    void sending_may_be_over() {
        if (step_ != Step::sending || !sender_.all_final()) return;
        step_ = Step::placing;
        place();
    }

    // ---- Place the book (book_placer.hpp), unless the batch has nothing to place or may not.

    void place() {
        inject(options_, BatchPhase::place, "place");
        if (!places_book() || placed_later_.empty() || !book_) return end();
        if (report_.stopped_by) {
            placer_.not_placed(placed_later_, "the batch was stopped by an answer about the whole batch");
            return end();
        }
        if (interrupts_.load() > 1) {
            placer_.not_placed(placed_later_, "the batch was interrupted twice");
            return end();
        }
        ReorderBudget budget;
        if (report_.interrupted) budget = ReorderBudget{interrupted_reorder_timeout_ms, false};
        PlacementInput input{*book_, sender_.placed_files(), options_.arrangement, sender_.created_in_order()};
        placer_.place(std::move(input), placed_later_, budget, abandon_placing_, [this] { end(); });
    }

    void end() {
        step_ = Step::ended;
        std::sort(placed_later_.begin(), placed_later_.end());  // --ndjson: the stored files in input order
        for (std::size_t index : placed_later_)
            if (events_.on_file_final) events_.on_file_final(index, statuses_[index]);
    }

    // ---- Record: what this batch stored, for the next run.

    void write_record() {
        inject(options_, BatchPhase::record, "record");
        if (!places_book() || !options_.record_dir) return;
        std::vector<RecordFacts> facts(statuses_.size());
        for (std::size_t i = 0; i < facts.size(); ++i) facts[i] = RecordFacts{sender_.file_sha256(i), sender_.sent_filename(i)};
        const auto& after = placer_.book_after();
        record_batch(record_, statuses_, facts, after ? *after : book_ ? *book_ : no_images_, report_.warnings);
    }

    // ---- Interrupts and progress, on every tick.

    void on_tick() {
        int interrupts = interrupts_.load();
        if (interrupts > 0 && !report_.interrupted) {
            report_.interrupted = true;
            cancel_started_ = Clock::now();
            stop_batch(Error{Stage::cancelled, "interrupted"}, interrupted_reason);
        }
        if (interrupts > 1) abandon_placing_.store(true);
        bool grace_over = report_.interrupted && Clock::now() - cancel_started_ > cancel_grace;
        // The grace ends transfers still running, but not the one reorder that places what landed
        // (bounded by its own short timeout); a second interrupt ends that too.
        if (report_.interrupted && loop_.in_flight() > 0 && (interrupts > 1 || (grace_over && step_ != Step::placing)))
            loop_.abort_all("cancelled by an interrupt mid-upload; the server may or may not have stored it (a re-run is "
                            "safe: the server dedupes identical content)");
        report_progress(report_.interrupted || report_.stopped_by ? ProgressPhase::stopping : ProgressPhase::running);
    }

    void report_progress(ProgressPhase phase) {
        if (!events_.on_progress) return;
        Progress progress;
        progress.files_total = statuses_.size();
        progress.files_done = sender_.files_done();
        progress.files_cancelled = sender_.files_cancelled();
        // Only ever grows, even if libcurl restarts a transfer's own count (a resend on a dead connection).
        bytes_reported_ = std::max(bytes_reported_, loop_.bytes_confirmed_total());
        progress.bytes_confirmed = bytes_reported_;
        progress.sending = largest_in_flight(loop_.in_flight_progress());
        progress.interrupted = report_.interrupted;
        progress.stopped_by = report_.stopped_by;
        progress.bytes_planned = sender_.bytes_planned();
        progress.plan_complete = preparer_.all_reported();
        progress.elapsed_seconds = std::chrono::duration<double>(Clock::now() - started_).count();
        progress.phase = phase;
        events_.on_progress(progress);
    }

    const UploadOptions& options_;
    const InterruptCount& interrupts_;
    const PipelineEvents& events_;
    BatchReport& report_;
    std::vector<FileStatus>& statuses_;
    OutcomeContext outcome_context_;
    BookRequests book_requests_;
    UploadRecord record_;
    bool checks_record_;  // the record has entries for this book and is to be used
    HeldContent held_;
    std::atomic<bool> abandon_placing_{false};  // a second interrupt: no reorder after all
    Step step_ = Step::sending;
    bool learning_started_ = false;
    std::optional<std::vector<ListedImage>> book_;  // the learn phase's output
    const std::vector<ListedImage> no_images_;
    std::vector<std::size_t> placed_later_;  // stored files, reported once the book is placed
    long long bytes_reported_ = 0;
    Clock::time_point cancel_started_;
    Clock::time_point started_ = Clock::now();
    // Before the loop, the sender and the preparer: the files' bytes, held by prepared files and
    // by requests in flight, give their share back to it as they die, whatever ends the batch.
    OrderedBudget budget_;
    http::TransferLoop loop_;
    UploadSender sender_;
    BookPlacer placer_;
    // Last: destroyed first, so its workers are stopped and joined while all they touch exists.
    FilePreparer preparer_;
};

}  // namespace

Status run_upload(const UploadOptions& options, const env::ApiContext& context, const InterruptCount& interrupts,
                  const PipelineEvents& events, BatchReport& report) {
    if (!context.key.key && !options.dry_run)
        return make_error(Stage::key, fmt::format("no API key for the {} environment, so nothing was sent: looked in {}",
                                                  context.environment.name, context.key.tried));
    auto request_template = upload_request_template(options, context);
    if (!request_template) return request_template.take_error();
    UploadRecord record;
    if (options.record_dir && options.book_id && !options.dry_run) {
        auto origin = http::origin_of(context.environment.base_url);
        if (origin)
            record = UploadRecord::load(record_file_path(*options.record_dir, origin->to_string(), *options.book_id),
                                        report.warnings);
    }
    UploadBatch batch(options, context, std::move(*request_template), std::move(record), interrupts, events, report);
    batch.run();
    for (std::string& note : batch_advice(report.statuses, options)) report.notes.push_back(std::move(note));
    return Ok{};
}

void close_batch(BatchReport& report, const Error& error) {
    report.internal_error = error;
    for (FileStatus& status : report.statuses) {
        if (status.succeeded() && !status.placed) status.placed = false;
        if (status.state != UploadState::pending) continue;
        status.state = UploadState::failed;
        status.error = error;
    }
}

}  // namespace bmx::upload
