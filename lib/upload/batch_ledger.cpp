// The upload batch's state machine: which file uploads, which waits, which is a copy, and when.
#include "upload/batch_ledger.hpp"

namespace bmx::upload {
namespace {

bool succeeded(UploadState state) {
    return state == UploadState::uploaded || state == UploadState::duplicate || state == UploadState::would_upload;
}

bool gave_up(UploadState state) { return state == UploadState::failed || state == UploadState::cancelled; }

}  // namespace

void LedgerStep::append(const LedgerStep& more) {
    to_upload.insert(to_upload.end(), more.to_upload.begin(), more.to_upload.end());
    settled.insert(settled.end(), more.settled.begin(), more.settled.end());
}

BatchLedger::BatchLedger(std::size_t file_count) : entries_(file_count) {}

LedgerStep BatchLedger::hashed(std::size_t index, std::string sha256) {
    Entry& entry = entries_[index];
    entry.hash_resolved = true;
    entry.sha256 = std::move(sha256);
    return advance();
}

LedgerStep BatchLedger::prepared(std::size_t index) {
    entries_[index].prepared = true;
    return advance();
}

LedgerStep BatchLedger::failed_locally(std::size_t index, Error error) {
    LedgerStep step;
    entries_[index].hash_resolved = true;
    UploadState state = error.stage == Stage::cancelled ? UploadState::cancelled : UploadState::failed;
    if (!is_final(index)) settle(index, state, std::move(error), step);
    step.append(advance());
    return step;
}

LedgerStep BatchLedger::answered(std::size_t index, UploadState state, std::optional<Error> error) {
    LedgerStep step;
    Entry& entry = entries_[index];
    entry.in_flight = false;
    if (state == UploadState::pending) {
        state = UploadState::failed;
        error = Error{Stage::internal, "the upload ended without a final state"};
    }
    if (!is_final(index)) settle(index, state, std::move(error), step);
    step.append(advance());
    return step;
}

LedgerStep BatchLedger::stop(Error reason) {
    if (!stop_reason_) stop_reason_ = std::move(reason);
    return advance();
}

LedgerStep BatchLedger::close() {
    LedgerStep step;
    for (std::size_t i = 0; i < entries_.size(); ++i) {
        if (is_final(i)) continue;
        entries_[i].in_flight = false;
        settle(i, UploadState::failed,
               Error{Stage::internal, "bmx-api lost track of this file before it reached a final state (a bug); "
                                      "it may or may not be on the server, and a re-run is safe"},
               step);
    }
    return step;
}

void BatchLedger::settle(std::size_t index, UploadState state, std::optional<Error> error, LedgerStep& step) {
    Entry& entry = entries_[index];
    entry.state = state;
    entry.error = std::move(error);
    ++final_count_;
    step.settled.push_back(index);
}

std::size_t BatchLedger::owner_of(std::size_t index) const {
    const std::string& sha256 = entries_[index].sha256;
    for (std::size_t j = 0; j < index; ++j) {
        const Entry& other = entries_[j];
        if (other.sha256 == sha256 && !gave_up(other.state)) return j;
    }
    return index;
}

LedgerStep BatchLedger::advance() {
    LedgerStep step;
    // Settling one file can free the next copy, so repeat until a pass changes nothing. Each
    // pass that changes something settles or starts a file, so there are at most size()+1 passes.
    for (std::size_t pass = 0; pass <= entries_.size(); ++pass) {
        std::size_t before = step.to_upload.size() + step.settled.size();
        for (std::size_t i = 0; i < entries_.size(); ++i) {
            // Until stop(), a file waits for every earlier file's hash (the gate).
            if (!stop_reason_ && !entries_[i].hash_resolved) break;
            advance_one(i, step);
        }
        if (step.to_upload.size() + step.settled.size() == before) break;
    }
    return step;
}

void BatchLedger::advance_one(std::size_t index, LedgerStep& step) {
    Entry& entry = entries_[index];
    if (is_final(index) || entry.in_flight) return;
    bool has_content = entry.hash_resolved && !entry.sha256.empty();
    std::size_t owner = has_content ? owner_of(index) : index;
    if (owner != index) {
        const Entry& first = entries_[owner];
        if (succeeded(first.state)) {
            entry.copy_of = owner;
            settle(index, UploadState::duplicate, std::nullopt, step);
            return;
        }
        // The first copy is still on its way: wait for it, even after stop() if it is in flight.
        if (!stop_reason_ || first.in_flight) return;
    }
    if (stop_reason_) {
        settle(index, UploadState::cancelled, stop_reason_, step);
        return;
    }
    if (!entry.prepared) return;
    entry.in_flight = true;
    step.to_upload.push_back(index);
}

}  // namespace bmx::upload
