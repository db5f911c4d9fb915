// The transfer loop keeps uploading while a worker is stuck decoding: run in-process against bmx-devserver.
#include <doctest/doctest.h>

#include <condition_variable>
#include <mutex>

#include <fmt/format.h>

#include "harness.hpp"
#include "env/api_context.hpp"
#include "upload/pipeline.hpp"

using namespace bmx::testing;

TEST_CASE("uploads keep completing while another file's decode is slow (the loop never waits on a worker)" *
          doctest::test_suite("tsan")) {
    DevServer server;
    TempDir dir;
    bmx::upload::UploadOptions options;
    options.target_path = "/books/1/images";
    options.parallel = 4;
    options.jobs = 2;
    options.transport.retry.max_retries = 0;
    write_file(dir / "00-slow.jpg", make_image_bytes("jpeg", 64, 64, 1));
    options.files.push_back(dir / "00-slow.jpg");
    for (int i = 1; i <= 8; ++i) {
        auto path = dir / fmt::format("{:02}-fast.jpg", i);
        write_file(path, make_image_bytes("jpeg", 64, 64, 10 + i));
        options.files.push_back(path);
    }

    // The slow file's decode does not end until the eight other files have their final status
    // (or 60 s pass): if the loop waited on that worker, they never would.
    std::mutex mutex;
    std::condition_variable fast_done;
    std::size_t fast_finished = 0;
    std::size_t finished_during_slow_decode = 0;
    options.before_decode = [&](const std::filesystem::path& file) {
        if (file.filename() != "00-slow.jpg") return;
        std::unique_lock lock(mutex);
        fast_done.wait_for(lock, std::chrono::seconds(60), [&] { return fast_finished == 8; });
        finished_during_slow_decode = fast_finished;
    };
    bmx::upload::PipelineEvents events;
    events.on_file_final = [&](std::size_t index, const bmx::upload::FileStatus&) {
        if (index == 0) return;
        std::lock_guard lock(mutex);
        ++fast_finished;
        fast_done.notify_all();
    };

    bmx::env::ApiContext context;
    context.environment.name = "staging";
    context.environment.base_url = server.base_url();
    context.key.key.emplace(test_key);
    context.key.source = "test";
    bmx::upload::InterruptCount interrupts{0};
    bmx::upload::BatchReport report;
    auto ran = bmx::upload::run_upload(options, context, interrupts, events, report);
    REQUIRE(ran.ok());
    for (const auto& status : report.statuses) CHECK(bmx::upload::upload_state_name(status.state) == std::string("uploaded"));

    std::lock_guard lock(mutex);
    CHECK(finished_during_slow_decode == 8);
    // And the server saw the fast files before the slow one.
    auto received = server.requests();
    REQUIRE(received.size() == 9);
    CHECK(received[8]["parts"][0]["filename"] == "00-slow.jpg");
}

namespace {

bmx::env::ApiContext context_for(const DevServer& server) {
    bmx::env::ApiContext context;
    context.environment.name = "staging";
    context.environment.base_url = server.base_url();
    context.key.key.emplace(test_key);
    context.key.source = "test";
    return context;
}

}  // namespace

TEST_CASE("an exception on a worker fails that file with stage internal and the batch finishes") {
    DevServer server;
    TempDir dir;
    bmx::upload::UploadOptions options;
    options.target_path = "/books/2/images";
    options.book_id = 2;
    for (int i = 0; i < 4; ++i) {
        auto path = dir / fmt::format("{}.jpg", i);
        write_file(path, make_image_bytes("jpeg", 64, 48, 30 + i));
        options.files.push_back(path);
    }
    options.before_decode = [](const std::filesystem::path& file) {
        if (file.filename() == "1.jpg") throw std::runtime_error("simulated failure on a worker");
    };
    bmx::upload::InterruptCount interrupts{0};
    bmx::upload::BatchReport report;
    auto ran = bmx::upload::run_upload(options, context_for(server), interrupts, {}, report);
    REQUIRE(ran.ok());
    REQUIRE(report.statuses.size() == 4);
    CHECK(report.statuses[1].state == bmx::upload::UploadState::failed);
    REQUIRE(report.statuses[1].error.has_value());
    CHECK(report.statuses[1].error->stage == bmx::Stage::internal);
    CHECK(report.statuses[1].error->message.find("simulated failure on a worker") != std::string::npos);
    for (std::size_t i : {0u, 2u, 3u}) CHECK(report.statuses[i].state == bmx::upload::UploadState::uploaded);
    CHECK(server.images()["2"].size() == 3);
}

TEST_CASE("the bytes uploaded are the bytes hashed and checked, even if the file changes afterwards") {
    DevServer server;
    TempDir dir;
    auto path = dir / "changing.jpg";
    std::string original = make_image_bytes("jpeg", 96, 64, 40);
    write_file(path, original);
    bmx::upload::UploadOptions options;
    options.target_path = "/books/3/images";
    options.book_id = 3;
    options.files.push_back(path);
    // After the worker has read and hashed it, the file is cut short on disk (a sync client, say).
    options.before_decode = [&](const std::filesystem::path&) { write_file(path, original.substr(0, original.size() / 2)); };
    bmx::upload::InterruptCount interrupts{0};
    bmx::upload::BatchReport report;
    REQUIRE(bmx::upload::run_upload(options, context_for(server), interrupts, {}, report).ok());
    const auto& status = report.statuses.at(0);
    REQUIRE(status.state == bmx::upload::UploadState::uploaded);
    CHECK(status.bytes == static_cast<long long>(original.size()));
    auto stored = server.images()["3"];
    REQUIRE(stored.size() == 1);
    CHECK(stored[0]["sha256"] == status.sha256);
    CHECK(stored[0]["size"] == original.size());
}
