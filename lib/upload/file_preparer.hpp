// The prepare phase: every file read, hashed, sniffed, checked and thumbnailed on workers, each
// result handed to the loop thread through TransferLoop::post. Nothing here runs on the loop but
// the event callbacks, and every wait a worker can be in (the memory budget, the decode budget,
// the upload record's answer, a decode itself) ends when the phase is cancelled or destroyed.
#pragma once

#include <atomic>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/counting_budget.hpp"
#include "core/ordered_budget.hpp"
#include "core/result.hpp"
#include "core/worker_pool.hpp"
#include "http/transfer_loop.hpp"
#include "image/decode_control.hpp"
#include "upload/held_content.hpp"
#include "upload/prepared_file.hpp"
#include "upload/upload_options.hpp"

namespace bmx::upload {

// The phase's output, one call per event, each on the loop thread.
struct PrepareEvents {
    std::function<void(std::size_t index, const std::string& sha256)> hashed;
    std::function<void(PreparedFile prepared)> prepared;  // prepared.error set: failed locally
};

class FilePreparer {
public:
    // `budget` holds the files' bytes in input order; it must outlive every prepared file and
    // every request made from one (the sender's, the loop's), so the caller owns it.
    FilePreparer(const UploadOptions& options, http::TransferLoop& loop, const InterruptCount& interrupts, HeldContent& held,
                 OrderedBudget& budget, PrepareEvents events);
    // Cancels every wait, then joins the workers: never a hang, whatever ended the batch.
    ~FilePreparer();
    FilePreparer(const FilePreparer&) = delete;
    FilePreparer& operator=(const FilePreparer&) = delete;

    // Hands every file to the workers.
    void start();
    // Any thread. Files not yet read end cancelled; waits and decodes in progress stop.
    void cancel();
    // Loop thread: every file has been reported (prepared or failed).
    bool all_reported() const { return reported_ == options_.files.size(); }

private:
    void prepare_on_worker(std::size_t index);
    void fail_on_worker(std::size_t index, Error error);
    std::optional<Error> refused_before_reading(std::size_t index) const;
    std::optional<std::filesystem::path> planned_thumbnail_path(std::size_t index) const;

    const UploadOptions& options_;
    http::TransferLoop& loop_;
    const InterruptCount& interrupts_;
    HeldContent& held_;
    PrepareEvents events_;
    std::atomic<bool> cancelled_{false};
    OrderedBudget& budget_;
    // Shared by the workers' decodes; taken after a file's share of budget_, never before, so
    // the two cannot wait on each other.
    CountingBudget decode_budget_;
    image::DecodeControl decode_control_;
    std::vector<Result<std::filesystem::path>> thumbnail_plan_;
    std::size_t reported_ = 0;  // loop thread
    // Last: joined first, while everything its tasks touch still exists.
    WorkerPool pool_;
};

}  // namespace bmx::upload
