// The upload batch: workers prepare files and post them to the loop; the loop feeds the batch
// ledger's events, sends what it says to send, and after the uploads sets and reads back the
// book's image order. All batch state lives on the loop thread.
#include "upload/pipeline.hpp"

#include <exception>
#include <map>
#include <memory>
#include <new>
#include <random>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/counting_budget.hpp"
#include "core/ordered_budget.hpp"
#include "core/worker_pool.hpp"
#include "http/perform.hpp"
#include "http/transfer_loop.hpp"
#include "http/url.hpp"
#include "image/thumbnail_write.hpp"
#include "request/build_request.hpp"
#include "api/http_error.hpp"
#include "upload/batch_ledger.hpp"
#include "upload/book_order.hpp"
#include "upload/held_content.hpp"
#include "upload/prepared_file.hpp"
#include "upload/upload_outcome.hpp"
#include "upload/upload_record.hpp"
#include "upload/upload_request.hpp"

namespace bmx::upload {
namespace {

using Clock = std::chrono::steady_clock;
using http::HttpRequest;
using http::HttpResponse;
using RequestPtr = std::shared_ptr<HttpRequest>;

// How long transfers in flight may run on after the first interrupt before they are aborted.
constexpr std::chrono::seconds cancel_grace{3};
// Redirect hops followed for one request, as for plain requests.
constexpr int max_redirects = 10;

constexpr const char* interrupted_reason = "cancelled by an interrupt (Ctrl-C, SIGTERM or SIGHUP) before its upload started";

// Answers about the batch, not the file: the key (401, 403) or the book (404) is wrong for all of them.
bool stops_the_batch(long http_status) { return http_status == 401 || http_status == 403 || http_status == 404; }

class UploadBatch {
public:
    UploadBatch(const UploadOptions& options, const env::ApiContext& context, HttpRequest request_template,
                UploadRecord record, const InterruptCount& interrupts, const PipelineEvents& events, BatchReport& report)
        : options_(options),
          context_(context),
          interrupts_(interrupts),
          events_(events),
          report_(report),
          statuses_(report.statuses),
          budget_(options.memory_budget_bytes),
          decode_budget_(options.decode_budget_bytes),
          decode_control_{&decode_budget_, CancelToken(interrupts), options.max_jpeg_scans},
          request_template_(std::move(request_template)),
          retry_policy_{options.transport.retry},
          outcome_context_{retry_policy_, env::describe_key_for_401(context), request_template_.api_origin, options.limit},
          loop_(options.parallel),
          ledger_(options.files.size()),
          record_(std::move(record)),
          checks_record_(!record_.empty() && !options.resend && ordering_applies()),
          held_(checks_record_ ? HeldContent::pending() : HeldContent::none()),
          file_sha256_(options.files.size()),
          started_(Clock::now()) {
        statuses_.assign(options.files.size(), FileStatus{});
        for (std::size_t i = 0; i < options.files.size(); ++i) statuses_[i].file = options.files[i].string();
        if (options.thumb_dir) thumbnail_plan_ = image::plan_thumbnail_paths(options.files, *options.thumb_dir);
    }

    void run() {
        {
            // With a record to check, the book's image list is read as soon as the first file is
            // read and recognised: the workers wait for it then, before they decode a file the book
            // may hold already.
            held_.when_needed([this] {
                loop_.post([this] {
                    if (!preflight_started_) start_preflight();
                });
            });
            WorkerPool pool(options_.jobs == 0 ? default_jobs() : options_.jobs);
            for (std::size_t i = 0; i < options_.files.size(); ++i) pool.submit([this, i] { prepare_on_worker(i); });
            loop_.run([this] { return worker_reports_ < statuses_.size(); }, [this] { on_tick(); });
            budget_.cancel();  // nothing waits on it any more; this only guards against a bug
            decode_budget_.cancel();
            held_.give_up();
        }
        apply(ledger_.close());
        if (ordering_applies()) finish_order();
        if (ordering_applies()) write_record();
        for (std::size_t index : held_back_) emit(index);
        report_progress(report_.interrupted || report_.stopped_by ? ProgressPhase::cancelled : ProgressPhase::finished);
    }

private:
    // ---- Workers: everything here may block on disk or CPU; results go to the loop by post().

    void prepare_on_worker(std::size_t index) {
        try {
            if (auto refused = planned_thumbnail_error(index)) {
                budget_.skip(index);
                post_local_failure(index, *refused);
                return;
            }
            if (interrupts_.load() > 0) {
                budget_.skip(index);
                post_local_failure(index, Error{Stage::cancelled, interrupted_reason});
                return;
            }
            auto post_hash = [this](HashedFile hashed) {
                loop_.post([this, hashed] {
                    file_sha256_[hashed.index] = hashed.sha256;
                    apply(ledger_.hashed(hashed.index, hashed.sha256));
                });
            };
            auto prepared = std::make_shared<PreparedFile>(
                prepare_file(index, options_.files[index], options_, planned_thumbnail_path(index), budget_,
                             decode_control_, held_, post_hash));
            loop_.post([this, prepared] { on_prepared(std::move(*prepared)); });
        } catch (const std::bad_alloc&) {
            fail_on_worker(index, Error{Stage::read, "not enough memory to read and check this file"});
        } catch (const std::exception& error) {
            fail_on_worker(index, Error{Stage::internal, fmt::format("unexpected error while preparing it: {}", error.what())});
        } catch (...) {
            fail_on_worker(index, Error{Stage::internal, "unexpected error while preparing it"});
        }
    }

    // After an exception: the file's budget ticket must not hold up later files.
    void fail_on_worker(std::size_t index, Error error) {
        budget_.skip(index);
        post_local_failure(index, std::move(error));
    }

    std::optional<Error> planned_thumbnail_error(std::size_t index) const {
        if (thumbnail_plan_.empty() || thumbnail_plan_[index]) return std::nullopt;
        return thumbnail_plan_[index].error();
    }

    std::optional<std::filesystem::path> planned_thumbnail_path(std::size_t index) const {
        if (thumbnail_plan_.empty()) return std::nullopt;
        return *thumbnail_plan_[index];
    }

    void post_local_failure(std::size_t index, Error error) {
        loop_.post([this, index, error] {
            ++worker_reports_;
            statuses_[index].local_thumbnail.status = "failed";
            statuses_[index].local_thumbnail.error = error;
            apply(ledger_.failed_locally(index, error));
        });
    }

    // ---- Loop thread: ledger events in, actions out.

    void on_prepared(PreparedFile prepared) {
        ++worker_reports_;
        std::size_t index = prepared.index;
        FileStatus& status = statuses_[index];
        status.bytes = prepared.bytes;
        status.request_bytes = static_cast<long long>(prepared.request_bytes);
        status.fitted = prepared.fitted;
        status.format = prepared.format;
        status.sha256 = prepared.sha256;
        status.warnings.insert(status.warnings.end(), prepared.warnings.begin(), prepared.warnings.end());
        if (prepared.error) {
            status.local_thumbnail.status = "failed";
            status.local_thumbnail.error = prepared.error;
            apply(ledger_.failed_locally(index, *prepared.error));
            return;
        }
        // A file the record says the book holds has a thumbnail only for --thumb-dir, and sends nothing.
        if (prepared.already_held) describe_recorded(status, *prepared.already_held);
        if (!prepared.already_held || !prepared.thumbnail_jpeg.empty()) {
            status.local_thumbnail.status = "generated";
            status.local_thumbnail.width = prepared.thumbnail_width;
            status.local_thumbnail.height = prepared.thumbnail_height;
            status.local_thumbnail.path = prepared.thumbnail_path;
        }
        if (!prepared.already_held) bytes_planned_ += static_cast<long long>(prepared.request_bytes);
        ready_.emplace(index, std::move(prepared));
        apply(ledger_.prepared(index));
    }

    void apply(const LedgerStep& step) {
        for (std::size_t index : step.settled) finalize(index);
        for (std::size_t index : step.to_upload) start_upload(index);
    }

    void start_upload(std::size_t index) {
        auto found = ready_.find(index);
        if (found == ready_.end()) {
            apply(ledger_.answered(index, UploadState::failed, Error{Stage::internal, "the prepared file went missing"}));
            return;
        }
        if (found->second.already_held) {  // the book holds it: settled without a request
            ready_.erase(found);
            apply(ledger_.answered(index, UploadState::duplicate));
            return;
        }
        PrimaryFlag primary = options_.primary_index == index ? PrimaryFlag::make_primary : PrimaryFlag::leave;
        if (options_.dry_run) {
            statuses_[index].would_send = describe_request(upload_request_for(request_template_, found->second, primary), found->second);
            ready_.erase(found);
            apply(ledger_.answered(index, UploadState::would_upload));
            return;
        }
        if (!preflight_done_) {
            deferred_.push_back(index);
            if (!preflight_started_) start_preflight();
            return;
        }
        auto request = std::make_shared<HttpRequest>(upload_request_for(request_template_, found->second, primary));
        ready_.erase(found);  // the request holds the checked bytes now
        send_upload(index, request, std::chrono::milliseconds(0));
    }

    void send_upload(std::size_t index, const RequestPtr& request, std::chrono::milliseconds delay) {
        send(statuses_[index].file, request, max_redirects, delay,
             [this, index](Result<HttpResponse> result, const RequestPtr& sent) { on_upload_done(index, sent, std::move(result)); },
             [this, index] { ++statuses_[index].attempts; });
    }

    void on_upload_done(std::size_t index, const RequestPtr& request, Result<HttpResponse> result) {
        FileStatus& status = statuses_[index];
        AttemptOutcome outcome = decide_attempt(status, std::move(result), outcome_context_, random_);
        if (outcome.verdict == Verdict::retry) {
            if (ledger_.stopped()) {
                apply(ledger_.answered(index, UploadState::cancelled,
                                       Error{Stage::cancelled, fmt::format("not retried after {}: the batch was stopped",
                                                                           outcome.retry_reason)}));
                return;
            }
            if (events_.on_retry) events_.on_retry(status.file, status.attempts + 1, outcome.retry_reason, outcome.retry_delay);
            send_upload(index, request, outcome.retry_delay);
            return;
        }
        if (status.state == UploadState::failed && status.error && stops_the_batch(status.error->http_status))
            stop_batch(*status.error, fmt::format("not sent: {} was answered {}; the batch stopped there", status.file,
                                                  status.error->message));
        apply(ledger_.answered(index, status.state, status.error));
    }

    void finalize(std::size_t index) {
        FileStatus& status = statuses_[index];
        status.state = ledger_.state(index);
        status.error = ledger_.error(index);
        if (auto first = ledger_.copy_of(index)) describe_copy(status, statuses_[*first]);
        status.elapsed_ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started_).count();
        ready_.erase(index);
        if (status.state == UploadState::cancelled)
            ++files_cancelled_;
        else
            ++files_done_;
        if (status.succeeded() && ordering_applies()) {
            held_back_.push_back(index);
            return;
        }
        emit(index);
    }

    // A copy settled inside the batch: the answer the server gives for content it already has,
    // naming the first file.
    static void describe_copy(FileStatus& status, const FileStatus& first) {
        nlohmann::json answer = first.server.is_object() ? first.server : nlohmann::json::object();
        answer["thumbnail_status"] = "skipped";
        answer["thumbnail_error"] = nullptr;
        answer["duplicate"] = true;
        if (first.state == UploadState::would_upload)
            answer["message"] = fmt::format("same content as {} earlier in this batch; it would be uploaded once", first.file);
        else if (first.state == UploadState::duplicate && first.attempts == 0)  // held by the upload record
            answer["message"] = fmt::format("same content as {} earlier in this batch, which the book already holds; not sent",
                                            first.file);
        else
            answer["message"] = fmt::format("same content as {} earlier in this batch; uploaded once", first.file);
        status.server = std::move(answer);
        status.copy_of = first.file;
        status.image_id = first.image_id;
        status.is_primary = first.is_primary;
    }

    // A file the upload record says the book holds: the answer the server would give for it,
    // without the request.
    void describe_recorded(FileStatus& status, const RecordedImage& recorded) const {
        status.sha256 = recorded.sent_sha256;
        if (recorded.sent_bytes > 0) status.bytes = recorded.sent_bytes;
        status.image_id = recorded.image_id;
        status.local_thumbnail.status = "skipped";
        status.server = nlohmann::json{
            {"id", recorded.image_id},
            {"duplicate", true},
            {"thumbnail_status", "skipped"},
            {"thumbnail_error", nullptr},
            {"message", fmt::format("not sent again: book {} already holds this content as image {} (bmx-api's upload "
                                    "record, checked against the book's image list; --resend sends it anyway)",
                                    *options_.book_id, recorded.image_id)},
        };
    }

    void emit(std::size_t index) {
        if (events_.on_file_final) events_.on_file_final(index, statuses_[index]);
    }

    // ---- Stopping: an interrupt, or an answer about the whole batch.

    void stop_batch(const Error& cause, std::string reason) {
        if (!report_.stopped_by && !report_.interrupted) report_.stopped_by = cause;
        held_.give_up();
        budget_.cancel();
        decode_budget_.cancel();  // decodes still waiting for memory end; none of them will be sent
        Error cancelled{Stage::cancelled, std::move(reason), cause.http_status};
        std::vector<std::size_t> deferred;
        deferred.swap(deferred_);
        apply(ledger_.stop(cancelled));
        for (std::size_t index : deferred) apply(ledger_.answered(index, UploadState::cancelled, cancelled));
    }

    void on_tick() {
        int interrupts = interrupts_.load();
        if (interrupts > 0 && !report_.interrupted) {
            report_.interrupted = true;
            cancel_started_ = Clock::now();
            stop_batch(Error{Stage::cancelled, "interrupted"}, interrupted_reason);
            loop_.drop_pending(interrupted_reason);
        }
        bool grace_over = report_.interrupted && Clock::now() - cancel_started_ > cancel_grace;
        if (report_.interrupted && (interrupts > 1 || grace_over || in_order_phase_) && loop_.in_flight() > 0)
            loop_.abort_all("cancelled by an interrupt mid-upload; the server may or may not have stored it (a re-run is "
                            "safe: the server dedupes identical content)");
        report_progress(report_.interrupted || ledger_.stopped() ? ProgressPhase::stopping : ProgressPhase::running);
    }

    void report_progress(ProgressPhase phase) {
        if (!events_.on_progress) return;
        Progress progress;
        progress.files_total = statuses_.size();
        progress.files_done = files_done_;
        progress.files_cancelled = files_cancelled_;
        // Only ever grows, even if libcurl restarts a transfer's own count (a resend on a dead connection).
        bytes_reported_ = std::max(bytes_reported_, loop_.bytes_sent_total());
        progress.bytes_sent = bytes_reported_;
        progress.bytes_planned = bytes_planned_;
        progress.plan_complete = worker_reports_ == statuses_.size();
        progress.elapsed_seconds = std::chrono::duration<double>(Clock::now() - started_).count();
        progress.phase = phase;
        events_.on_progress(progress);
    }

    // ---- Requests: redirects hop by hop (the key stays on the API's origin), retries by policy.

    using Sent = std::function<void(Result<HttpResponse>, const RequestPtr& sent)>;

    // file: the upload's file, empty for the batch's own requests (for PipelineEvents::on_answer).
    void send(const std::string& file, const RequestPtr& request, int hops_left, std::chrono::milliseconds delay, Sent done,
              http::TransferLoop::OnLaunch on_launch) {
        auto completion = [this, file, request, hops_left, done](Result<HttpResponse> result) {
            if (result && events_.on_answer) events_.on_answer(file, *result);
            auto next = result ? http::redirected_request(*request, *result) : std::nullopt;
            if (!next) return done(std::move(result), request);
            if (!request->form.empty() && next->form.empty())
                return done(Error{Stage::http,
                                  fmt::format("the server answered HTTP {} to the upload with a redirect to {}, which would "
                                              "turn it into a GET without the file; not followed",
                                              result->status, result->redirect_url),
                                  result->status},
                            request);
            if (hops_left == 0)
                return done(Error{Stage::answer, fmt::format("more than {} redirects, last to {}", max_redirects,
                                                                result->redirect_url)},
                            request);
            send(file, std::make_shared<HttpRequest>(std::move(*next)), hops_left - 1, std::chrono::milliseconds(0), done, {});
        };
        if (delay.count() > 0)
            loop_.start_after(delay, *request, completion, std::move(on_launch));
        else
            loop_.start(*request, completion, std::move(on_launch));
    }

    using Fetched = std::function<void(Result<HttpResponse>)>;

    // One of the batch's own requests (the image list, the reorder), retried as the policy says.
    void fetch(const RequestPtr& request, int attempts_made, std::chrono::milliseconds delay, Fetched done) {
        send("", request, max_redirects, delay, [this, attempts_made, done](Result<HttpResponse> result, const RequestPtr& sent) {
            auto decision = http::decide_retry(retry_policy_, sent->method, attempts_made + 1, result, random_);
            if (!decision.retry || report_.interrupted) return done(std::move(result));
            if (events_.on_retry) events_.on_retry("", attempts_made + 2, decision.reason, decision.delay);
            fetch(sent, attempts_made + 1, decision.delay, done);
        }, {});
    }

    // Ok with the response when it is below 400; otherwise the error a person reads (with the
    // key hint for a 401; a 404 here may be the book or the route, so it gets only the server's words).
    Result<HttpResponse> answered_ok(Result<HttpResponse> result) const {
        if (!result) return result;
        if (result->status == 401) return final_http_error(*result, FileStatus{}, outcome_context_);
        if (result->status >= 400) return api::http_error(*result);
        return result;
    }

    Result<RequestPtr> book_request(http::Method method, const std::string& path) const {
        auto request = request::base_request(method, path, context_.environment, context_.key, options_.transport);
        if (!request) return request.take_error();
        request->capture_request_head = options_.capture_request_head;
        return std::make_shared<HttpRequest>(std::move(*request));
    }

    std::string images_path() const { return fmt::format("/books/{}/images", *options_.book_id); }

    // ---- Before the first upload: the book's image list, so a missing book or a refused key is
    // known before a byte of any photo is sent. It waits for the first file ready to go, so a
    // batch whose files all fail locally sends nothing at all.

    bool ordering_applies() const { return options_.book_id.has_value() && !options_.dry_run; }

    void start_preflight() {
        preflight_started_ = true;
        if (!ordering_applies()) {
            preflight_done_ = true;
            std::vector<std::size_t> deferred;
            deferred.swap(deferred_);
            for (std::size_t index : deferred) start_upload(index);
            return;
        }
        auto request = book_request(http::Method::get, images_path());
        if (!request) return stop_batch(request.error(), "not sent: " + request.error().message);
        fetch(*request, 0, std::chrono::milliseconds(0), [this](Result<HttpResponse> result) {
            auto listed = answered_ok(std::move(result));
            if (!listed) {
                Error error = listed.take_error();
                error.message = fmt::format("reading book {}'s images before the upload: {}", *options_.book_id, error.message);
                return stop_batch(error, fmt::format("not sent: {}", error.message));
            }
            if (checks_record_) {
                auto listing = parse_image_listing(listed->body, report_.warnings);
                if (!listing)
                    report_.warnings.push_back(fmt::format("the upload record was not used: {}", listing.error().message));
                held_.decide(listing ? held_by_book(record_, *listing, options_.fit) : std::map<std::string, RecordedImage>{});
            }
            preflight_done_ = true;
            std::vector<std::size_t> deferred;
            deferred.swap(deferred_);
            for (std::size_t index : deferred) start_upload(index);
        });
    }

    // ---- After the batch: read the book's images, reorder once if needed, read back.

    std::vector<long long> batch_ids() const {
        std::vector<long long> ids;
        for (const FileStatus& status : statuses_)
            if (status.succeeded() && status.image_id) ids.push_back(*status.image_id);
        return ids;
    }

    std::optional<long long> wanted_primary(const std::vector<ListedImage>& listing) {
        if (options_.primary_index) {
            const FileStatus& chosen = statuses_[*options_.primary_index];
            if (chosen.succeeded() && chosen.image_id) return chosen.image_id;
            report_.notes.push_back(fmt::format("the primary file {} was not stored, so the book keeps its primary image",
                                                chosen.file));
        }
        return current_primary(listing);
    }

    void finish_order() {
        bool any_stored = std::any_of(statuses_.begin(), statuses_.end(), [](const FileStatus& s) { return s.succeeded(); });
        if (!any_stored) return;
        if (report_.interrupted) {
            report_.notes.push_back("the book's image order was not checked because the batch was interrupted; "
                                    "a re-run finishes it (files already stored come back as duplicates)");
            return;
        }
        in_order_phase_ = true;
        auto listing_request = book_request(http::Method::get, images_path());
        if (!listing_request) return order_failed(listing_request.error().message);
        fetch(*listing_request, 0, std::chrono::milliseconds(0), [this, listing_request](Result<HttpResponse> result) {
            auto listing = read_listing(std::move(result), "reading the book's images after the upload");
            if (!listing) return;
            auto primary = wanted_primary(*listing);
            std::vector<long long> wanted = wanted_order(*listing, batch_ids(), primary);
            if (!options_.reorder || listing_holds(*listing, wanted, primary)) return record_listing(*listing);
            send_reorder(wanted, *listing_request);
        });
        loop_.run([] { return false; }, [this] { on_tick(); });
    }

    void send_reorder(const std::vector<long long>& wanted, const RequestPtr& listing_request) {
        auto reorder = book_request(http::Method::put, images_path() + "/reorder");
        if (!reorder) return order_failed(reorder.error().message);
        (*reorder)->body = nlohmann::json(wanted).dump();
        (*reorder)->content_type = "application/json";
        fetch(*reorder, 0, std::chrono::milliseconds(0), [this, wanted, listing_request](Result<HttpResponse> result) {
            auto reordered = answered_ok(std::move(result));
            if (!reordered) order_failed("the server refused the reorder: " + reordered.error().message);
            // Read back either way: the statuses report what the server holds.
            fetch(listing_request, 0, std::chrono::milliseconds(0), [this, wanted](Result<HttpResponse> result) {
                auto listing = read_listing(std::move(result), "reading the book's images back after the reorder");
                if (!listing) return;
                record_listing(*listing);
                if (!report_.order_error && !listing_holds(*listing, wanted, wanted.front()))
                    order_failed(fmt::format("after the reorder the server holds the order {}, not the {} asked for",
                                             describe_order(*listing), nlohmann::json(wanted).dump()));
            });
        });
    }

    Result<std::vector<ListedImage>> read_listing(Result<HttpResponse> result, const char* doing) {
        auto answered = answered_ok(std::move(result));
        if (!answered) {
            order_failed(fmt::format("{}: {}", doing, answered.error().message));
            return answered.take_error();
        }
        auto listing = parse_image_listing(answered->body, report_.notes);
        if (!listing) order_failed(fmt::format("{}: {}", doing, listing.error().message));
        return listing;
    }

    static std::string describe_order(const std::vector<ListedImage>& listing) {
        std::vector<long long> ids;
        for (const ListedImage& image : listing) ids.push_back(image.id);
        return nlohmann::json(ids).dump();
    }

    void record_listing(const std::vector<ListedImage>& listing) {
        final_listing_ = listing;
        for (FileStatus& status : statuses_) {
            if (!status.succeeded() || !status.image_id) continue;
            auto found = std::find_if(listing.begin(), listing.end(), [&](const ListedImage& image) { return image.id == *status.image_id; });
            if (found == listing.end()) {
                status.warnings.push_back(fmt::format("image {} is not in the book's image list any more", *status.image_id));
                status.display_order.reset();
                status.is_primary.reset();
                continue;
            }
            status.display_order = found->display_order;
            status.is_primary = found->is_primary;
        }
    }

    // What this batch stored, for the next run: every file the server holds, by content. The
    // s3_key and file name come from the list read back after the batch, when it was read.
    void write_record() {
        if (options_.dry_run || !options_.record_dir) return;
        std::vector<RecordedImage> entries;
        for (std::size_t i = 0; i < statuses_.size(); ++i) {
            const FileStatus& status = statuses_[i];
            if (!status.succeeded() || !status.image_id || file_sha256_[i].empty() || status.sha256.empty()) continue;
            RecordedImage entry{file_sha256_[i], status.sha256, status.bytes, *status.image_id, std::nullopt, std::nullopt};
            for (const ListedImage& image : final_listing_) {
                if (image.id != entry.image_id) continue;
                entry.s3_key = image.s3_key;
                entry.original_filename = image.original_filename;
            }
            entries.push_back(std::move(entry));
        }
        if (!entries.empty()) record_.append(entries, report_.warnings);
    }

    void order_failed(const std::string& message) {
        if (report_.order_error) return;
        report_.order_error = Error{Stage::reorder, message};
        for (FileStatus& status : statuses_)
            if (status.succeeded()) status.error = report_.order_error;
    }

    const UploadOptions& options_;
    const env::ApiContext& context_;
    const InterruptCount& interrupts_;
    const PipelineEvents& events_;
    BatchReport& report_;
    std::vector<FileStatus>& statuses_;
    // Before the loop and the prepared files: buffers give their share back to it as they die.
    OrderedBudget budget_;
    // Shared by the workers' decodes; taken after a file's share of budget_, never before, so
    // the two cannot wait on each other. Workers also see Ctrl-C mid-decode through the token.
    CountingBudget decode_budget_;
    image::DecodeControl decode_control_;
    HttpRequest request_template_;
    http::RetryPolicy retry_policy_;
    OutcomeContext outcome_context_;
    std::map<std::size_t, PreparedFile> ready_;  // prepared, not yet sent
    http::TransferLoop loop_;
    std::mt19937 random_{std::random_device{}()};
    BatchLedger ledger_;
    std::vector<Result<std::filesystem::path>> thumbnail_plan_;

    std::size_t worker_reports_ = 0;
    std::size_t files_done_ = 0;
    std::size_t files_cancelled_ = 0;
    long long bytes_planned_ = 0;
    long long bytes_reported_ = 0;  // the bytes sent, as last reported (never less than before)
    bool preflight_started_ = false;
    bool preflight_done_ = false;
    bool in_order_phase_ = false;
    std::vector<std::size_t> deferred_;  // ready to send, waiting for the book's image list
    std::vector<std::size_t> held_back_;  // final and stored; reported once the order is read back
    UploadRecord record_;
    bool checks_record_;  // the record has entries for this book and is to be used
    HeldContent held_;
    std::vector<std::string> file_sha256_;  // each file's content hash, as the workers report it
    std::vector<ListedImage> final_listing_;
    Clock::time_point cancel_started_;
    Clock::time_point started_;
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
    return Ok{};
}

void close_batch(BatchReport& report, const Error& error) {
    for (FileStatus& status : report.statuses) {
        if (status.state != UploadState::pending) continue;
        status.state = UploadState::failed;
        status.error = error;
    }
}

}  // namespace bmx::upload
