// The prepare phase on its worker pool, reporting to a real transfer loop (posted tasks only, no network).
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <future>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/sha256.hpp"
#include "http/transfer_loop.hpp"
#include "support/image_fixtures.hpp"
#include "support/temp_dir.hpp"
#include "upload/file_preparer.hpp"

namespace file_preparer_test {

using bmx::Stage;
using bmx::http::TransferLoop;
using bmx::testing::make_image_bytes;
using bmx::testing::TempDir;
using bmx::upload::FilePreparer;
using bmx::OrderedBudget;
using bmx::upload::HeldContent;
using bmx::upload::InterruptCount;
using bmx::upload::PreparedFile;
using bmx::upload::PrepareEvents;
using bmx::upload::UploadOptions;
using Clock = std::chrono::steady_clock;

void write_text_file(const std::filesystem::path& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
}

// What the loop heard from the phase, counted on the loop thread.
struct Heard {
    std::map<std::size_t, int> hashed;
    std::vector<PreparedFile> prepared;
};

PrepareEvents events_into(Heard& heard) {
    PrepareEvents events;
    events.hashed = [&heard](std::size_t index, const std::string&) { ++heard.hashed[index]; };
    events.prepared = [&heard](PreparedFile prepared) { heard.prepared.push_back(std::move(prepared)); };
    return events;
}

UploadOptions options_for(std::vector<std::filesystem::path> files) {
    UploadOptions options;
    options.files = std::move(files);
    options.jobs = 2;
    return options;
}

const PreparedFile* report_for(const Heard& heard, std::size_t index) {
    auto found = std::find_if(heard.prepared.begin(), heard.prepared.end(),
                              [index](const PreparedFile& prepared) { return prepared.index == index; });
    return found == heard.prepared.end() ? nullptr : &*found;
}

TEST_CASE("the prepare phase reports every file of a batch once, failures included") {
    TempDir dir;
    std::vector<std::filesystem::path> files{dir / "a.jpg", dir / "notes.txt", dir / "b.jpg", dir / "missing.jpg",
                                             dir / "c.jpg"};
    write_text_file(files[0], make_image_bytes("jpeg", 64, 48, 1));
    write_text_file(files[1], "these are notes, not pixels\n");
    write_text_file(files[2], make_image_bytes("jpeg", 40, 60, 2));
    write_text_file(files[4], make_image_bytes("jpeg", 32, 32, 3));
    UploadOptions options = options_for(files);
    // The budget outlives what was heard: the prepared bytes give their share back to it.
    OrderedBudget budget(options.memory_budget_bytes);
    TransferLoop loop(1);
    InterruptCount interrupts{0};
    HeldContent held = HeldContent::none();
    Heard heard;
    FilePreparer preparer(options, loop, interrupts, held, budget, events_into(heard));
    preparer.start();
    // Bounded: a phase that loses a file ends the loop at the deadline instead of hanging the test.
    auto deadline = Clock::now() + std::chrono::seconds(20);
    loop.run([&] { return !preparer.all_reported() && Clock::now() < deadline; }, {});

    REQUIRE(preparer.all_reported());
    REQUIRE(heard.prepared.size() == files.size());
    std::vector<std::size_t> indices;
    for (const PreparedFile& prepared : heard.prepared) indices.push_back(prepared.index);
    std::sort(indices.begin(), indices.end());
    CHECK(indices == std::vector<std::size_t>{0, 1, 2, 3, 4});

    for (std::size_t index : {std::size_t{0}, std::size_t{2}, std::size_t{4}}) {
        CAPTURE(index);
        const PreparedFile* jpeg = report_for(heard, index);
        REQUIRE(jpeg != nullptr);
        CHECK_FALSE(jpeg->error.has_value());
        CHECK(jpeg->format == "jpeg");
        CHECK(jpeg->content_type == "image/jpeg");
        CHECK(jpeg->sha256.size() == 64);
        CHECK(jpeg->file == files[index]);
        CHECK_FALSE(jpeg->thumbnail_jpeg.empty());
        CHECK(heard.hashed[index] == 1);
    }
    const PreparedFile* text = report_for(heard, 1);
    REQUIRE(text != nullptr);
    REQUIRE(text->error.has_value());
    CHECK(text->error->stage == Stage::format);
    CHECK(heard.hashed[1] == 1);  // read and hashed, then refused

    const PreparedFile* missing = report_for(heard, 3);
    REQUIRE(missing != nullptr);
    REQUIRE(missing->error.has_value());
    CHECK(missing->error->stage == Stage::read);
    CHECK(heard.hashed.count(3) == 0);
}

// Everything one run of the phase needs, owned together so that a hung teardown can be left
// behind without dangling references.
struct StuckBatch {
    TempDir dir;
    UploadOptions options;
    OrderedBudget budget{UploadOptions{}.memory_budget_bytes};
    TransferLoop loop{1};
    InterruptCount interrupts{0};
    std::unique_ptr<HeldContent> held;  // an upload record holding the files' contents, never decided
    Heard heard;
    std::unique_ptr<FilePreparer> preparer;
};

TEST_CASE("destroying the prepare phase while its workers wait for the upload record's answer returns at once") {
    auto batch = std::make_shared<StuckBatch>();
    std::vector<std::filesystem::path> files;
    std::set<std::string> contents;
    for (int i = 0; i < 4; ++i) {
        files.push_back(batch->dir / ("photo-" + std::to_string(i) + ".jpg"));
        std::string bytes = make_image_bytes("jpeg", 48, 32, i);
        write_text_file(files.back(), bytes);
        contents.insert(*bmx::sha256_hex(bytes));
    }
    batch->options = options_for(files);
    // Not movable (it holds a mutex): made in place from the prvalue.
    batch->held.reset(new HeldContent(HeldContent::pending(std::move(contents))));
    batch->preparer = std::make_unique<FilePreparer>(batch->options, batch->loop, batch->interrupts, *batch->held,
                                                     batch->budget, events_into(batch->heard));
    batch->preparer->start();

    auto teardown = std::async(std::launch::async, [batch] {
        // Until both workers have hashed a file: each then asks the record and waits.
        auto deadline = Clock::now() + std::chrono::seconds(20);
        batch->loop.run([&] { return batch->heard.hashed.size() < 2 && Clock::now() < deadline; }, {});
        bool both_waiting = batch->heard.hashed.size() >= 2 && batch->heard.prepared.empty();
        auto started = Clock::now();
        batch->preparer.reset();
        return std::make_pair(both_waiting, Clock::now() - started);
    });
    if (teardown.wait_for(std::chrono::seconds(10)) != std::future_status::ready) {
        // Left behind on purpose: a future from std::async would join the hung thread in its destructor.
        new std::future<std::pair<bool, Clock::duration>>(std::move(teardown));
        FAIL("destroying the FilePreparer did not return within 10 s");
    }
    auto [both_waiting, took] = teardown.get();
    CHECK(both_waiting);
    CHECK(took < std::chrono::seconds(2));
}

}  // namespace file_preparer_test
