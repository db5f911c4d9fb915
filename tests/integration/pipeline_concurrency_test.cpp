// The transfer loop keeps uploading while a worker is stuck decoding: run in-process against bmx-devserver.
#include <doctest/doctest.h>

#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "harness.hpp"
#include "env/api_context.hpp"
#include "upload/pipeline.hpp"

using namespace bmx::testing;
using Clock = std::chrono::steady_clock;

TEST_CASE("uploads keep completing while another file's decode is slow (the loop never waits on a worker)") {
    DevServer server({"--latency-ms", "150"});
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

    // The slow file's decode takes 2 s on its worker; the other worker and the loop carry on.
    std::mutex mutex;
    Clock::time_point slow_decode_ended{};
    options.before_decode = [&](const std::filesystem::path& file) {
        if (file.filename() != "00-slow.jpg") return;
        std::this_thread::sleep_for(std::chrono::seconds(2));
        std::lock_guard lock(mutex);
        slow_decode_ended = Clock::now();
    };
    std::vector<Clock::time_point> fast_finished;
    bmx::upload::PipelineEvents events;
    events.on_file_final = [&](std::size_t index, const bmx::upload::FileStatus&) {
        if (index > 0) fast_finished.push_back(Clock::now());
    };

    bmx::env::ApiContext context;
    context.environment.name = "staging";
    context.environment.base_url = server.base_url();
    context.key.key.emplace(test_key);
    context.key.source = "test";
    bmx::upload::InterruptCount interrupts{0};
    auto statuses = bmx::upload::run_upload(options, context, interrupts, events);
    REQUIRE(statuses.ok());
    for (const auto& status : *statuses) CHECK(bmx::upload::upload_state_name(status.state) == std::string("uploaded"));

    std::lock_guard lock(mutex);
    std::size_t finished_during_slow_decode = 0;
    for (auto when : fast_finished) finished_during_slow_decode += when < slow_decode_ended;
    // 8 uploads at 150 ms latency, 4 at a time, fit well inside the 2 s decode.
    CHECK(finished_during_slow_decode == 8);
    // And the server saw the fast files before the slow one.
    auto received = server.requests();
    REQUIRE(received.size() == 9);
    CHECK(received[8]["parts"][0]["filename"] == "00-slow.jpg");
}
