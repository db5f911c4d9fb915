// The upload batch: workers prepare files and post them to the loop; the loop dedupes, uploads,
// retries and records a final status for every file. All batch state lives on the loop thread.
#include "upload/pipeline.hpp"

#include <map>
#include <random>

#include <fmt/format.h>

#include "core/worker_pool.hpp"
#include "http/transfer_loop.hpp"
#include "upload/prepared_file.hpp"
#include "upload/upload_outcome.hpp"
#include "upload/upload_request.hpp"

namespace bmx::upload {
namespace {

using Clock = std::chrono::steady_clock;

// How long transfers in flight may run on after the first Ctrl-C before they are aborted.
constexpr std::chrono::seconds cancel_grace{3};

class UploadBatch {
public:
    UploadBatch(const UploadOptions& options, const env::ApiContext& context, http::HttpRequest request_template,
                const InterruptCount& interrupts, const PipelineEvents& events)
        : options_(options),
          interrupts_(interrupts),
          events_(events),
          request_template_(std::move(request_template)),
          retry_policy_{options.transport.retry},
          outcome_context_{retry_policy_, options.target_path, env::describe_key_for_401(context)},
          loop_(options.parallel),
          statuses_(options.files.size()),
          hash_known_(options.files.size(), false),
          started_(Clock::now()) {
        for (std::size_t i = 0; i < options.files.size(); ++i) statuses_[i].file = options.files[i].string();
    }

    std::vector<FileStatus> run() {
        {
            WorkerPool pool(options_.jobs == 0 ? default_jobs() : options_.jobs);
            for (std::size_t i = 0; i < options_.files.size(); ++i) pool.submit([this, i] { prepare_on_worker(i); });
            loop_.run([this] { return prepared_count_ < statuses_.size(); }, [this] { on_tick(); });
        }
        return std::move(statuses_);
    }

private:
    // Worker thread: everything here may block on disk or CPU; results go to the loop by post().
    void prepare_on_worker(std::size_t index) {
        if (interrupts_.load() > 0) {
            loop_.post([this, index] { on_cancelled_before_prepare(index); });
            return;
        }
        auto post_hash = [this](HashedFile hashed) { loop_.post([this, hashed] { on_hashed(hashed); }); };
        PreparedFile prepared = prepare_file(index, options_.files[index], options_, post_hash);
        loop_.post([this, prepared = std::move(prepared)]() mutable { on_prepared(std::move(prepared)); });
    }

    void on_cancelled_before_prepare(std::size_t index) {
        ++prepared_count_;
        hash_known_[index] = true;
        advance_gate();
        finalize_with(index, UploadState::cancelled, Error{"cancelled", "cancelled by Ctrl-C before it was read"});
        dispatch_ready();
    }

    void on_hashed(const HashedFile& hashed) {
        hash_known_[hashed.index] = true;
        statuses_[hashed.index].sha256 = hashed.sha256;
        advance_gate();
        dispatch_ready();
    }

    void on_prepared(PreparedFile prepared) {
        ++prepared_count_;
        FileStatus& status = statuses_[prepared.index];
        status.bytes = prepared.bytes;
        status.format = prepared.format;
        status.warnings = prepared.warnings;
        if (prepared.error) {
            status.local_thumbnail.status = "failed";
            status.local_thumbnail.error = prepared.error;
            finalize_with(prepared.index, UploadState::failed, *prepared.error);
            dispatch_ready();
            return;
        }
        status.local_thumbnail.status = "generated";
        status.local_thumbnail.width = prepared.thumbnail_width;
        status.local_thumbnail.height = prepared.thumbnail_height;
        status.local_thumbnail.path = prepared.thumbnail_path;
        ready_.emplace(prepared.index, std::move(prepared));
        dispatch_ready();
    }

    // Uploads start in any order, but only once every earlier file's hash is known, so the
    // copy that comes first in the input is the one uploaded and later copies name it.
    void advance_gate() {
        while (gate_ < hash_known_.size() && hash_known_[gate_]) ++gate_;
    }

    void dispatch_ready() {
        while (!ready_.empty() && ready_.begin()->first < gate_) {
            auto node = ready_.extract(ready_.begin());
            dispatch(std::move(node.mapped()));
        }
    }

    void dispatch(PreparedFile prepared) {
        std::size_t index = prepared.index;
        if (cancelling_) {
            finalize_with(index, UploadState::cancelled, Error{"cancelled", "cancelled by Ctrl-C before its upload started"});
            return;
        }
        auto owner = owners_.find(prepared.sha256);
        if (owner != owners_.end()) {
            const FileStatus& first = statuses_[owner->second];
            if (first.succeeded()) {
                finalize_as_copy_of(index, owner->second);
                return;
            }
            waiting_copies_[owner->second].push_back(std::move(prepared));
            return;
        }
        owners_[prepared.sha256] = index;
        begin_upload(std::move(prepared));
    }

    void begin_upload(PreparedFile prepared) {
        std::size_t index = prepared.index;
        http::HttpRequest request = upload_request_for(request_template_, prepared);
        if (options_.dry_run) {
            statuses_[index].would_send = describe_request(request, prepared);
            finalize_with(index, UploadState::would_upload, std::nullopt);
            return;
        }
        attempt(index, std::make_shared<http::HttpRequest>(std::move(request)));
    }

    void attempt(std::size_t index, std::shared_ptr<http::HttpRequest> request) {
        loop_.start(
            *request, [this, index, request](Result<http::HttpResponse> result) { on_attempt_done(index, request, std::move(result)); },
            [this, index] { ++statuses_[index].attempts; });
    }

    void on_attempt_done(std::size_t index, const std::shared_ptr<http::HttpRequest>& request, Result<http::HttpResponse> result) {
        FileStatus& status = statuses_[index];
        AttemptOutcome outcome = decide_attempt(status, std::move(result), outcome_context_, random_);
        if (outcome.verdict != Verdict::retry) {
            finalize(index);
            return;
        }
        if (cancelling_) {
            finalize_with(index, UploadState::cancelled,
                          Error{"cancelled", fmt::format("cancelled by Ctrl-C while waiting to retry after {}", outcome.retry_reason)});
            return;
        }
        if (events_.on_retry) events_.on_retry(status, status.attempts + 1, outcome.retry_reason, outcome.retry_delay);
        loop_.start_after(
            outcome.retry_delay, *request,
            [this, index, request](Result<http::HttpResponse> next) { on_attempt_done(index, request, std::move(next)); },
            [this, index] { ++statuses_[index].attempts; });
    }

    void finalize_with(std::size_t index, UploadState state, std::optional<Error> error) {
        statuses_[index].state = state;
        statuses_[index].error = std::move(error);
        finalize(index);
    }

    void finalize_as_copy_of(std::size_t index, std::size_t first_index) {
        FileStatus& status = statuses_[index];
        const FileStatus& first = statuses_[first_index];
        // The same answer the server gives for content it already has, naming the first file.
        nlohmann::json answer = first.server.is_object() ? first.server : nlohmann::json::object();
        answer["thumbnail_status"] = "skipped";
        answer["thumbnail_error"] = nullptr;
        answer["duplicate"] = true;
        answer["message"] = fmt::format("same content as {} earlier in this batch; uploaded once", first.file);
        status.server = std::move(answer);
        finalize_with(index, UploadState::duplicate, std::nullopt);
    }

    void finalize(std::size_t index) {
        FileStatus& status = statuses_[index];
        status.elapsed_ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started_).count();
        ++files_done_;
        if (status.state == UploadState::uploaded) bytes_sent_done_ += status.bytes;
        if (events_.on_file_final) events_.on_file_final(index, status);
        settle_waiting_copies(index);
    }

    // When the first copy of some content is final, its later copies are settled: duplicates of
    // it when it succeeded; otherwise the next copy is uploaded in its place.
    void settle_waiting_copies(std::size_t index) {
        auto found = waiting_copies_.find(index);
        if (found == waiting_copies_.end()) return;
        std::vector<PreparedFile> copies = std::move(found->second);
        waiting_copies_.erase(found);
        if (statuses_[index].succeeded()) {
            for (PreparedFile& copy : copies) finalize_as_copy_of(copy.index, index);
            return;
        }
        owners_.erase(copies.front().sha256);
        for (PreparedFile& copy : copies) dispatch(std::move(copy));
    }

    void on_tick() {
        int interrupts = interrupts_.load();
        if (interrupts > 0 && !cancelling_) {
            cancelling_ = true;
            cancel_started_ = Clock::now();
            loop_.drop_pending("cancelled by Ctrl-C before its upload started");
            std::vector<std::size_t> ready;
            for (auto& [index, prepared] : ready_) ready.push_back(index);
            for (std::size_t index : ready) {
                ready_.erase(index);
                finalize_with(index, UploadState::cancelled, Error{"cancelled", "cancelled by Ctrl-C before its upload started"});
            }
        }
        bool grace_over = cancelling_ && Clock::now() - cancel_started_ > cancel_grace;
        if (cancelling_ && (interrupts > 1 || grace_over) && loop_.in_flight() > 0)
            loop_.abort_all("cancelled by Ctrl-C mid-upload; the server may or may not have stored it (a re-run is safe: "
                            "the server dedupes identical content)");
        if (events_.on_progress) {
            Progress progress;
            progress.files_total = statuses_.size();
            progress.files_done = files_done_;
            progress.bytes_sent = bytes_sent_done_ + loop_.bytes_sent_in_flight();
            progress.elapsed_seconds = std::chrono::duration<double>(Clock::now() - started_).count();
            progress.cancelling = cancelling_;
            events_.on_progress(progress);
        }
    }

    const UploadOptions& options_;
    const InterruptCount& interrupts_;
    const PipelineEvents& events_;
    http::HttpRequest request_template_;
    http::RetryPolicy retry_policy_;
    OutcomeContext outcome_context_;
    http::TransferLoop loop_;
    std::mt19937 random_{std::random_device{}()};

    std::vector<FileStatus> statuses_;
    std::vector<bool> hash_known_;
    std::size_t gate_ = 0;
    std::size_t prepared_count_ = 0;
    std::size_t files_done_ = 0;
    long long bytes_sent_done_ = 0;
    std::map<std::size_t, PreparedFile> ready_;
    std::map<std::string, std::size_t> owners_;  // content hash -> the file uploading it
    std::map<std::size_t, std::vector<PreparedFile>> waiting_copies_;
    bool cancelling_ = false;
    Clock::time_point cancel_started_;
    Clock::time_point started_;
};

}  // namespace

Result<std::vector<FileStatus>> run_upload(const UploadOptions& options, const env::ApiContext& context,
                                           const InterruptCount& interrupts, const PipelineEvents& events) {
    auto request_template = upload_request_template(options, context);
    if (!request_template) return request_template.take_error();
    UploadBatch batch(options, context, std::move(*request_template), interrupts, events);
    return batch.run();
}

}  // namespace bmx::upload
