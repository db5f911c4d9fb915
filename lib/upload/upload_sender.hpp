// The send phase: which file uploads when (the batch ledger), the uploads themselves through the
// request driver, and what each answer means for its file. Uploads start only once the book is
// known (open), never after the batch stopped, and an answer about the whole batch is passed up.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "http/http_types.hpp"
#include "http/transfer_loop.hpp"
#include "upload/batch_events.hpp"
#include "upload/batch_ledger.hpp"
#include "upload/placement.hpp"
#include "upload/prepared_file.hpp"
#include "upload/upload_answer.hpp"
#include "upload/upload_options.hpp"

namespace bmx::upload {

class UploadSender {
public:
    struct Events {
        std::function<void(std::size_t index)> final;          // the file reached its final state
        // The file's upload was answered about the whole batch (401, 403, 404).
        std::function<void(std::size_t index, const Error& cause)> batch_answer;
        // A file is ready to go but the book is not known yet (before open()).
        std::function<void()> waiting_for_book;
    };

    UploadSender(const UploadOptions& options, http::TransferLoop& loop, http::HttpRequest request_template,
                 OutcomeContext outcome_context, const PipelineEvents& pipeline_events,
                 std::vector<FileStatus>& statuses, Events events);

    // From the prepare phase.
    void hashed(std::size_t index, const std::string& sha256);
    void prepared(PreparedFile prepared);
    // The book is known: uploads may start.
    void open();
    // Nothing new starts; the files not started are cancelled with `reason`, retries waiting end.
    void stop(const Error& reason);

    // Every file's status is final (counted as each is written, not as the ledger settles it).
    bool all_final() const { return files_done_ + files_cancelled_ == statuses_.size(); }
    std::size_t files_done() const { return files_done_; }
    std::size_t files_cancelled() const { return files_cancelled_; }
    long long bytes_planned() const { return bytes_planned_; }
    // The send phase's output for placing the book.
    std::vector<PlacedFile> placed_files() const;
    // The images this batch created, in the server's numbering order, when no two uploads that
    // created one overlapped (then the server's count at each insert is known).
    std::optional<std::vector<long long>> created_in_order() const;
    // For the record: each file's content hash as read, and the name the server was sent.
    const std::string& file_sha256(std::size_t index) const { return file_sha256_[index]; }
    const std::string& sent_filename(std::size_t index) const { return sent_filename_[index]; }

private:
    using Clock = std::chrono::steady_clock;
    struct Created {
        long long id = 0;
        Clock::time_point launched;
        Clock::time_point answered;
    };

    void apply(const LedgerStep& step);
    void start_upload(std::size_t index);
    void settle_held(std::size_t index, const PreparedFile& prepared);
    void send(std::size_t index, http::HttpRequest request);
    // --parallel 1: one upload at a time, in input order, so the server numbers them in that order.
    void send_in_input_order();
    void on_answered(std::size_t index, Result<http::HttpResponse> outcome, int attempts);
    void on_stored(std::size_t index, const http::HttpResponse& response);
    // The id is already another file's, for other content: this answer cannot be taken.
    bool claimed_by_other(std::size_t index, long long id);
    void finalize(std::size_t index);
    void describe_copy(std::size_t index, std::size_t first);

    const UploadOptions& options_;
    http::TransferLoop& loop_;
    http::HttpRequest request_template_;
    OutcomeContext outcome_context_;
    std::atomic<bool> stopped_{false};
    CancelToken cancel_;  // stop(): uploads waiting for a slot or a retry end (an interrupt stops the batch too)
    const PipelineEvents& pipeline_events_;
    std::vector<FileStatus>& statuses_;
    Events events_;
    BatchLedger ledger_;
    std::map<std::size_t, PreparedFile> ready_;  // prepared, not yet sent
    bool open_ = false;
    std::vector<std::size_t> waiting_for_book_;
    std::map<std::size_t, http::HttpRequest> in_order_;  // --parallel 1: ready, waiting for every earlier file
    bool sending_one_ = false;
    std::vector<std::string> file_sha256_;
    std::vector<std::string> sent_filename_;
    std::vector<bool> sent_as_primary_;
    std::vector<Clock::time_point> launched_;
    std::map<long long, std::size_t> claimed_;  // image id -> the first file whose answer gave it
    std::vector<Created> created_;
    std::size_t files_done_ = 0;
    std::size_t files_cancelled_ = 0;
    long long bytes_planned_ = 0;
    Clock::time_point started_ = Clock::now();
};

}  // namespace bmx::upload
