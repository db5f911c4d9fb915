// The send phase: ledger events in, uploads out, each answer judged once it is final.
#include "upload/upload_sender.hpp"

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include <fmt/format.h>

#include "http/request_driver.hpp"
#include "upload/upload_request.hpp"

namespace bmx::upload {

UploadSender::UploadSender(const UploadOptions& options, http::TransferLoop& loop, http::HttpRequest request_template,
                           OutcomeContext outcome_context, const PipelineEvents& pipeline_events,
                           std::vector<FileStatus>& statuses, Events events)
    : options_(options),
      loop_(loop),
      request_template_(std::move(request_template)),
      outcome_context_(std::move(outcome_context)),
      cancel_(stopped_),
      pipeline_events_(pipeline_events),
      statuses_(statuses),
      events_(std::move(events)),
      ledger_(options.files.size()),
      file_sha256_(options.files.size()),
      sent_filename_(options.files.size()),
      sent_as_primary_(options.files.size(), false),
      launched_(options.files.size()) {}

void UploadSender::hashed(std::size_t index, const std::string& sha256) {
    file_sha256_[index] = sha256;
    apply(ledger_.hashed(index, sha256));
}

void UploadSender::prepared(PreparedFile prepared) {
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
        return apply(ledger_.failed_locally(index, *prepared.error));
    }
    // A file the record says the book holds has a thumbnail only for --thumb-dir, and sends nothing.
    if (!prepared.already_held || !prepared.thumbnail_jpeg.empty()) {
        status.local_thumbnail.status = "generated";
        status.local_thumbnail.width = prepared.thumbnail_width;
        status.local_thumbnail.height = prepared.thumbnail_height;
        status.local_thumbnail.path = prepared.thumbnail_path;
    }
    if (!prepared.already_held) bytes_planned_ += static_cast<long long>(prepared.request_bytes);
    sent_filename_[index] = prepared.upload_filename;
    if (ledger_.state(index) != UploadState::pending) return;  // cancelled while it was prepared: its bytes go now
    ready_.emplace(index, std::move(prepared));
    apply(ledger_.prepared(index));
}

void UploadSender::open() {
    open_ = true;
    std::vector<std::size_t> waiting;
    waiting.swap(waiting_for_book_);
    for (std::size_t index : waiting) start_upload(index);
    send_in_input_order();
}

void UploadSender::stop(const Error& reason) {
    if (ledger_.stopped()) return;
    stopped_.store(true);
    std::vector<std::size_t> waiting;
    waiting.swap(waiting_for_book_);
    for (auto& [index, request] : in_order_) waiting.push_back(index);
    in_order_.clear();
    apply(ledger_.stop(reason));
    for (std::size_t index : waiting) apply(ledger_.answered(index, UploadState::cancelled, reason));
}

void UploadSender::apply(const LedgerStep& step) {
    for (std::size_t index : step.settled) finalize(index);
    for (std::size_t index : step.to_upload) start_upload(index);
    send_in_input_order();
}

void UploadSender::send_in_input_order() {
    while (!sending_one_ && !in_order_.empty()) {
        auto next = in_order_.begin();
        for (std::size_t earlier = 0; earlier < next->first; ++earlier)
            if (statuses_[earlier].state == UploadState::pending) return;  // still being prepared
        sending_one_ = true;
        std::size_t index = next->first;
        http::HttpRequest request = std::move(next->second);
        in_order_.erase(next);
        send(index, std::move(request));
    }
}

void UploadSender::start_upload(std::size_t index) {
    auto found = ready_.find(index);
    if (found == ready_.end())
        return apply(ledger_.answered(index, UploadState::failed, Error{Stage::internal, "the prepared file went missing"}));
    if (found->second.already_held) {
        settle_held(index, found->second);
        ready_.erase(found);
        return apply(ledger_.answered(index, UploadState::duplicate));
    }
    PrimaryFlag primary = options_.primary_index == index ? PrimaryFlag::make_primary : PrimaryFlag::leave;
    http::HttpRequest request = upload_request_for(request_template_, found->second, primary);
    if (options_.dry_run) {
        statuses_[index].would_send = would_send(request, found->second);
        ready_.erase(found);
        return apply(ledger_.answered(index, UploadState::would_upload));
    }
    if (!open_) {
        waiting_for_book_.push_back(index);
        if (events_.waiting_for_book) events_.waiting_for_book();
        return;
    }
    sent_as_primary_[index] = primary == PrimaryFlag::make_primary;
    ready_.erase(found);  // the request holds the checked bytes now
    if (options_.parallel == 1) {
        in_order_.emplace(index, std::move(request));
        return;
    }
    send(index, std::move(request));
}

// The upload record says the book holds this content: settled as that image, without a request.
void UploadSender::settle_held(std::size_t index, const PreparedFile& prepared) {
    FileStatus& status = statuses_[index];
    const RecordedImage& recorded = *prepared.already_held;
    status.sha256 = recorded.sent_sha256;
    if (recorded.sent_bytes > 0) status.bytes = recorded.sent_bytes;
    status.image_id = recorded.image_id;
    status.local_thumbnail.status = prepared.thumbnail_jpeg.empty() ? "skipped" : status.local_thumbnail.status;
    status.answer_source = AnswerSource::upload_record;
    status.held_by_book = options_.book_id;
}

void UploadSender::send(std::size_t index, http::HttpRequest request) {
    http::PerformOptions drive_options;
    drive_options.retry = options_.transport.retry;
    drive_options.cancel = cancel_;
    const std::string& file = statuses_[index].file;
    request.progress_label = std::filesystem::path(file).filename().string();
    if (pipeline_events_.on_answer)
        drive_options.on_answer = [this, file](const http::HttpResponse& response) { pipeline_events_.on_answer(file, response); };
    if (pipeline_events_.on_retry)
        drive_options.on_retry = [this, file](int attempt, const std::string& reason, std::chrono::milliseconds delay) {
            pipeline_events_.on_retry(file, attempt, reason, delay);
        };
    drive_options.on_attempt = [this, index] {
        ++statuses_[index].attempts;
        launched_[index] = Clock::now();
    };
    http::drive(loop_, std::move(request), std::move(drive_options),
                [this, index](http::Driven driven) { on_answered(index, std::move(driven.outcome), driven.attempts); });
}

void UploadSender::on_answered(std::size_t index, Result<http::HttpResponse> outcome, int attempts) {
    if (options_.inject_fault == BatchPhase::send) throw std::runtime_error("injected fault in the send phase");
    FileStatus& status = statuses_[index];
    status.attempts = attempts;
    sending_one_ = false;
    auto gave_up = [&](Error& error) {
        if (attempts > 1) error.message += fmt::format(" (gave up after {} attempts)", attempts);
    };
    if (!outcome) {
        Error error = outcome.take_error();
        // Stopped while it waited for a slot or a retry: the batch's reason says why.
        if (error.stage == Stage::cancelled && ledger_.stop_reason()) error = *ledger_.stop_reason();
        gave_up(error);
        UploadState state = error.stage == Stage::cancelled ? UploadState::cancelled : UploadState::failed;
        return apply(ledger_.answered(index, state, std::move(error)));
    }
    const http::HttpResponse& response = *outcome;
    status.http_status = response.status;
    if (response.status >= 200 && response.status < 300) return on_stored(index, response);
    Error error = final_http_error(response, status, outcome_context_);
    gave_up(error);
    if (is_batch_answer(response) && events_.batch_answer) events_.batch_answer(index, error);
    apply(ledger_.answered(index, UploadState::failed, std::move(error)));
}

void UploadSender::on_stored(std::size_t index, const http::HttpResponse& response) {
    FileStatus& status = statuses_[index];
    auto answer = read_upload_answer(response);
    if (!answer) return apply(ledger_.answered(index, UploadState::failed, answer.take_error()));
    if (claimed_by_other(index, answer->id)) return;
    // The server's thumbnail step failing is an outcome too, never a silent one.
    if (answer->thumbnail_status == "failed")
        status.warnings.push_back("the server could not make its thumbnail: " + answer->thumbnail_error.value_or("no reason given"));
    bool duplicate = answer->duplicate.value_or(false);
    if (!duplicate) created_.push_back(Created{answer->id, launched_[index], Clock::now()});
    status.image_id = answer->id;
    status.answer = std::move(*answer);
    status.answer_source = AnswerSource::server;
    apply(ledger_.answered(index, duplicate ? UploadState::duplicate : UploadState::uploaded));
}

// The first answer that gave an id keeps it; a later one for other content cannot be right too.
bool UploadSender::claimed_by_other(std::size_t index, long long id) {
    auto [claim, fresh] = claimed_.emplace(id, index);
    if (fresh || file_sha256_[claim->second] == file_sha256_[index]) return false;
    Error error{Stage::answer,
                fmt::format("the server answered HTTP {} with image id {}, which it had already given to {} for other "
                            "content; this answer is not counted as stored and not recorded, so a re-run sends it again",
                            statuses_[index].http_status, id, statuses_[claim->second].file),
                statuses_[index].http_status};
    apply(ledger_.answered(index, UploadState::failed, std::move(error)));
    return true;
}

void UploadSender::finalize(std::size_t index) {
    FileStatus& status = statuses_[index];
    status.state = ledger_.state(index);
    status.error = ledger_.error(index);
    if (auto first = ledger_.copy_of(index)) describe_copy(index, *first);
    status.elapsed_ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started_).count();
    ready_.erase(index);
    if (status.state == UploadState::cancelled)
        ++files_cancelled_;
    else
        ++files_done_;
    if (events_.final) events_.final(index);
}

// A copy settled inside the batch: the answer that stands for the earlier file stands for it too.
void UploadSender::describe_copy(std::size_t index, std::size_t first) {
    FileStatus& status = statuses_[index];
    const FileStatus& earlier = statuses_[first];
    status.answer = earlier.answer;
    status.answer_source = AnswerSource::batch_copy;
    status.copy_of = earlier.file;
    status.image_id = earlier.image_id;
    status.held_by_book = earlier.answer_source == AnswerSource::upload_record ? earlier.held_by_book : std::nullopt;
    if (earlier.state == UploadState::would_upload) status.would_send.reset();
}

std::vector<PlacedFile> UploadSender::placed_files() const {
    std::vector<PlacedFile> files(statuses_.size());
    for (std::size_t i = 0; i < statuses_.size(); ++i) {
        if (statuses_[i].succeeded()) files[i].image_id = statuses_[i].image_id;
        files[i].is_primary_choice = options_.primary_index == i;
        files[i].sent_as_primary = sent_as_primary_[i] && statuses_[i].state == UploadState::uploaded;
    }
    return files;
}

std::optional<std::vector<long long>> UploadSender::created_in_order() const {
    std::vector<Created> created = created_;
    std::sort(created.begin(), created.end(), [](const Created& a, const Created& b) { return a.launched < b.launched; });
    std::vector<long long> order;
    for (std::size_t i = 0; i < created.size(); ++i) {
        // Overlapping uploads are numbered by when the server finished them, which no answer tells.
        if (i > 0 && created[i].launched < created[i - 1].answered) return std::nullopt;
        order.push_back(created[i].id);
    }
    return order;
}

}  // namespace bmx::upload
