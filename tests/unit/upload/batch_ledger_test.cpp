// The batch ledger under the interleavings that matter: copies, failures, stops, and the closing check.
#include <doctest/doctest.h>

#include <algorithm>

#include "upload/batch_ledger.hpp"

using bmx::Error;
using bmx::Stage;
using bmx::upload::BatchLedger;
using bmx::upload::LedgerStep;
using bmx::upload::UploadState;

namespace {

using Indexes = std::vector<std::size_t>;

Error http_500() { return Error{Stage::http, "HTTP 500", 500}; }

// Hashes and prepares file i in one go, as a fast worker would.
LedgerStep ready(BatchLedger& ledger, std::size_t i, const std::string& sha) {
    LedgerStep step = ledger.hashed(i, sha);
    step.append(ledger.prepared(i));
    return step;
}

}  // namespace

TEST_CASE("files start only once every earlier file's hash is known, then in input order") {
    BatchLedger ledger(3);
    CHECK(ledger.hashed(2, "c").to_upload.empty());
    CHECK(ledger.prepared(2).to_upload.empty());  // files 0 and 1 are not hashed yet
    CHECK(ledger.hashed(1, "b").to_upload.empty());
    CHECK(ledger.prepared(1).to_upload.empty());
    LedgerStep step = ledger.hashed(0, "a");
    CHECK(step.to_upload == Indexes{1, 2});  // 0 is hashed but not prepared: it waits, the others go
    CHECK(ledger.prepared(0).to_upload == Indexes{0});
}

TEST_CASE("the earliest of three identical files is uploaded even when a later one is ready first") {
    BatchLedger ledger(3);
    ledger.hashed(0, "same");
    ledger.hashed(1, "same");
    ledger.hashed(2, "same");
    CHECK(ledger.prepared(2).to_upload.empty());
    CHECK(ledger.prepared(1).to_upload.empty());
    CHECK(ledger.prepared(0).to_upload == Indexes{0});
    LedgerStep step = ledger.answered(0, UploadState::uploaded);
    CHECK(step.settled == Indexes{0, 1, 2});
    CHECK(ledger.state(1) == UploadState::duplicate);
    CHECK(ledger.copy_of(1) == std::optional<std::size_t>(0));
    CHECK(ledger.copy_of(2) == std::optional<std::size_t>(0));
    CHECK(ledger.all_final());
}

TEST_CASE("a copy whose first copy failed before the copy was ready is uploaded in its place") {
    BatchLedger ledger(2);
    ready(ledger, 0, "x");
    ledger.hashed(1, "x");
    LedgerStep failed = ledger.answered(0, UploadState::failed, http_500());
    CHECK(failed.settled == Indexes{0});
    CHECK(failed.to_upload.empty());  // file 1 is not prepared yet
    CHECK(ledger.prepared(1).to_upload == Indexes{1});
    CHECK(ledger.answered(1, UploadState::uploaded).settled == Indexes{1});
    CHECK(ledger.state(0) == UploadState::failed);
    CHECK(ledger.state(1) == UploadState::uploaded);
    CHECK_FALSE(ledger.copy_of(1).has_value());
}

TEST_CASE("a copy whose first copy fails after the copy was ready is uploaded in its place") {
    BatchLedger ledger(3);
    ready(ledger, 0, "x");
    ready(ledger, 1, "x");
    ready(ledger, 2, "x");
    CHECK(ledger.state(1) == UploadState::pending);
    LedgerStep step = ledger.answered(0, UploadState::failed, http_500());
    CHECK(step.to_upload == Indexes{1});  // only the next copy; the third waits for it
    step = ledger.answered(1, UploadState::uploaded);
    CHECK(step.settled == Indexes{1, 2});
    CHECK(ledger.copy_of(2) == std::optional<std::size_t>(1));
}

TEST_CASE("a first copy that fails locally hands the upload to the next copy") {
    BatchLedger ledger(2);
    ready(ledger, 1, "x");
    ledger.hashed(0, "x");
    LedgerStep step = ledger.failed_locally(0, Error{Stage::write, "thumbnail name taken"});
    CHECK(step.settled == Indexes{0});
    CHECK(step.to_upload == Indexes{1});
}

TEST_CASE("a file that fails before its hash is known opens the gate for later files") {
    BatchLedger ledger(2);
    ready(ledger, 1, "b");
    LedgerStep step = ledger.failed_locally(0, Error{Stage::read, "no such file"});
    CHECK(step.settled == Indexes{0});
    CHECK(step.to_upload == Indexes{1});
}

TEST_CASE("in a dry run, copies of a file that would be uploaded are duplicates, never pending") {
    BatchLedger ledger(2);
    ready(ledger, 0, "x");
    ready(ledger, 1, "x");
    LedgerStep step = ledger.answered(0, UploadState::would_upload);
    CHECK(step.settled == Indexes{0, 1});
    CHECK(ledger.state(1) == UploadState::duplicate);
}

TEST_CASE("a stop cancels what has not started, and a copy of a file in flight settles with it") {
    BatchLedger ledger(4);
    ready(ledger, 0, "x");
    ready(ledger, 1, "x");  // waits for 0, which is in flight
    ready(ledger, 2, "y");  // in flight too
    ledger.hashed(3, "z");  // not prepared yet
    LedgerStep stop = ledger.stop(Error{Stage::cancelled, "cancelled by Ctrl-C"});
    CHECK(stop.to_upload.empty());
    CHECK(stop.settled == Indexes{3});
    CHECK(ledger.state(3) == UploadState::cancelled);
    CHECK(ledger.prepared(3).to_upload.empty());  // a worker finishing late changes nothing
    CHECK(ledger.answered(0, UploadState::uploaded).settled == Indexes{0, 1});
    CHECK(ledger.state(1) == UploadState::duplicate);
    CHECK(ledger.answered(2, UploadState::failed, http_500()).settled == Indexes{2});
    CHECK(ledger.all_final());
}

TEST_CASE("after a stop, a copy whose in-flight first copy fails is cancelled, not uploaded") {
    BatchLedger ledger(2);
    ready(ledger, 0, "x");
    ready(ledger, 1, "x");
    ledger.stop(Error{Stage::cancelled, "stopped: HTTP 404 Book not found", 404});
    LedgerStep step = ledger.answered(0, UploadState::failed, Error{Stage::http, "HTTP 404", 404});
    CHECK(step.to_upload.empty());
    CHECK(step.settled == Indexes{0, 1});
    REQUIRE(ledger.error(1).has_value());
    CHECK(ledger.error(1)->message == "stopped: HTTP 404 Book not found");
}

TEST_CASE("a stop before anything is hashed cancels every file") {
    BatchLedger ledger(3);
    LedgerStep step = ledger.stop(Error{Stage::cancelled, "SIGTERM"});
    CHECK(step.settled == Indexes{0, 1, 2});
    CHECK(ledger.all_final());
}

TEST_CASE("close turns a file that never reached a final state into failed, stage internal") {
    BatchLedger ledger(2);
    ready(ledger, 0, "a");
    ledger.answered(0, UploadState::uploaded);
    LedgerStep step = ledger.close();
    CHECK(step.settled == Indexes{1});
    CHECK(ledger.state(1) == UploadState::failed);
    REQUIRE(ledger.error(1).has_value());
    CHECK(ledger.error(1)->stage == bmx::Stage::internal);
    CHECK(ledger.close().settled.empty());  // a second close finds nothing left
}

TEST_CASE("an answer without a final state is recorded as an internal failure") {
    BatchLedger ledger(1);
    ready(ledger, 0, "a");
    ledger.answered(0, UploadState::pending);
    CHECK(ledger.state(0) == UploadState::failed);
    CHECK(ledger.error(0)->stage == bmx::Stage::internal);
}
