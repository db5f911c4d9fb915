// Runs prepare_file for each file on the worker pool and posts the results to the loop.
#include "upload/file_preparer.hpp"

#include <memory>
#include <new>
#include <stdexcept>

#include <fmt/format.h>

#include "image/thumbnail_write.hpp"

namespace bmx::upload {
namespace {

constexpr const char* interrupted_reason = "cancelled by an interrupt (Ctrl-C, SIGTERM or SIGHUP) before its upload started";

}  // namespace

FilePreparer::FilePreparer(const UploadOptions& options, http::TransferLoop& loop, const InterruptCount& interrupts,
                           HeldContent& held, OrderedBudget& budget, PrepareEvents events)
    : options_(options),
      loop_(loop),
      interrupts_(interrupts),
      held_(held),
      events_(std::move(events)),
      budget_(budget),
      decode_budget_(options.decode_budget_bytes),
      decode_control_{&decode_budget_, CancelToken(interrupts).or_when(cancelled_), options.max_jpeg_scans},
      pool_(options.jobs == 0 ? default_jobs() : options.jobs) {
    if (options.thumb_dir) thumbnail_plan_ = image::plan_thumbnail_paths(options.files, *options.thumb_dir);
}

FilePreparer::~FilePreparer() { cancel(); }

void FilePreparer::start() {
    for (std::size_t i = 0; i < options_.files.size(); ++i) pool_.submit([this, i] { prepare_on_worker(i); });
}

void FilePreparer::cancel() {
    cancelled_.store(true);
    budget_.cancel();
    decode_budget_.cancel();
    held_.give_up();
}

std::optional<Error> FilePreparer::refused_before_reading(std::size_t index) const {
    if (!thumbnail_plan_.empty() && !thumbnail_plan_[index]) return thumbnail_plan_[index].error();
    if (interrupts_.load() > 0) return Error{Stage::cancelled, interrupted_reason};
    if (cancelled_.load()) return Error{Stage::cancelled, "cancelled before it was read: the batch stopped"};
    return std::nullopt;
}

std::optional<std::filesystem::path> FilePreparer::planned_thumbnail_path(std::size_t index) const {
    if (thumbnail_plan_.empty()) return std::nullopt;
    return *thumbnail_plan_[index];
}

void FilePreparer::prepare_on_worker(std::size_t index) {
    try {
        if (options_.inject_fault == BatchPhase::prepare) throw std::runtime_error("injected fault in the prepare phase");
        if (auto refused = refused_before_reading(index)) return fail_on_worker(index, *refused);
        PrepareHooks hooks;
        hooks.on_hashed = [this](HashedFile hashed) {
            loop_.post([this, hashed] { events_.hashed(hashed.index, hashed.sha256); });
        };
        auto prepared = std::make_shared<PreparedFile>(prepare_file(index, options_.files[index], options_,
                                                                    planned_thumbnail_path(index), budget_,
                                                                    decode_control_, held_, hooks));
        loop_.post([this, prepared] {
            ++reported_;
            events_.prepared(std::move(*prepared));
        });
    } catch (const std::bad_alloc&) {
        fail_on_worker(index, Error{Stage::read, "not enough memory to read and check this file"});
    } catch (const std::exception& error) {
        fail_on_worker(index, Error{Stage::internal, fmt::format("unexpected error while preparing it: {}", error.what())});
    } catch (...) {
        fail_on_worker(index, Error{Stage::internal, "unexpected error while preparing it"});
    }
}

// Also after an exception: the file's budget ticket must not hold up later files.
void FilePreparer::fail_on_worker(std::size_t index, Error error) {
    budget_.skip(index);
    auto failed = std::make_shared<PreparedFile>();
    failed->index = index;
    failed->file = options_.files[index];
    failed->error = std::move(error);
    loop_.post([this, failed] {
        ++reported_;
        events_.prepared(std::move(*failed));
    });
}

}  // namespace bmx::upload
