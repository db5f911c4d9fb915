// The upload record: its file, its lines, and which entries the book still holds.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <fstream>
#include <map>
#include <thread>

#include "support/temp_dir.hpp"
#include "upload/held_content.hpp"
#include "upload/upload_record.hpp"

using bmx::testing::TempDir;
using bmx::upload::HeldContent;
using bmx::upload::ListedImage;
using bmx::upload::RecordedImage;
using bmx::upload::UploadRecord;

namespace {

std::string slurp_record(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST_CASE("the record lives under XDG_STATE_HOME, else ~/.local/state, one file per origin and book") {
    using bmx::env::ProcessEnv;
    auto xdg = bmx::upload::default_record_dir(ProcessEnv::from_map({{"XDG_STATE_HOME", "/s"}, {"HOME", "/h"}}));
    REQUIRE(xdg);
    CHECK(*xdg == "/s/bmx-api");
    auto relative = bmx::upload::default_record_dir(ProcessEnv::from_map({{"XDG_STATE_HOME", "s"}, {"HOME", "/h"}}));
    REQUIRE(relative);
    CHECK(*relative == "/h/.local/state/bmx-api");  // a relative XDG_STATE_HOME is ignored, as the spec says
    CHECK_FALSE(bmx::upload::default_record_dir(ProcessEnv::from_map({})));

    auto prod = bmx::upload::record_file_path("/s/bmx-api", "https://api.bluemoxon.com:443", 12);
    auto staging = bmx::upload::record_file_path("/s/bmx-api", "https://staging.api.bluemoxon.com:443", 12);
    CHECK(prod.filename() == "book-12.jsonl");
    CHECK(prod.parent_path() != staging.parent_path());
    CHECK(prod.parent_path().filename().string().rfind("https___api.bluemoxon.com_443-", 0) == 0);
}

TEST_CASE("entries appended are read back, unchanged ones are not written twice, bad lines are a warning") {
    TempDir dir;
    auto file = dir / "uploads" / "o" / "book-1.jsonl";
    std::vector<std::string> warnings;
    UploadRecord record = UploadRecord::load(file, warnings);
    CHECK(warnings.empty());  // no file yet is no warning
    CHECK(record.empty());
    record.append({{"aa", "aa", 100, 5, "books/1/5.jpg", "a.jpg"}, {"bb", "cc", 100, 6, std::nullopt, std::nullopt}}, warnings);
    CHECK(warnings.empty());
    std::string written = slurp_record(file);
    record.append({{"aa", "aa", 100, 5, "books/1/5.jpg", "a.jpg"}}, warnings);
    CHECK(slurp_record(file) == written);

    std::ofstream(file, std::ios::app) << "not json\n{\"file_sha256\": 1}\n";
    UploadRecord again = UploadRecord::load(file, warnings);
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0].find("2 unreadable lines") != std::string::npos);
    REQUIRE(again.find("bb"));
    CHECK(again.find("bb")->sent_sha256 == "cc");
    CHECK(again.find("bb")->image_id == 6);
    CHECK_FALSE(again.find("bb")->s3_key);
    REQUIRE(again.find("aa"));
    CHECK(*again.find("aa")->s3_key == "books/1/5.jpg");
    CHECK(again.find("zz") == nullptr);

    // A later entry for the same content wins (the image was deleted and stored again).
    again.append({{"aa", "aa", 100, 9, "books/1/9.jpg", "a.jpg"}}, warnings);
    CHECK(UploadRecord::load(file, warnings).find("aa")->image_id == 9);
}

TEST_CASE("a FIFO, a symbolic link or another user's file is not taken for the record, and nothing blocks") {
    TempDir dir;
    auto fifo = dir / "book-1.jsonl";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    std::vector<std::string> warnings;
    UploadRecord from_fifo = UploadRecord::load(fifo, warnings);  // would block forever in a plain open()
    CHECK(from_fifo.empty());
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0].find("not a regular file") != std::string::npos);
    from_fifo.append({{"aa", "aa", 100, 1, std::nullopt, std::nullopt}}, warnings);

    auto target = dir / "precious.txt";
    std::ofstream(target) << "precious\n";
    auto link = dir / "book-2.jsonl";
    std::filesystem::create_symlink(target, link);
    warnings.clear();
    UploadRecord through_link = UploadRecord::load(link, warnings);
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0].find("symbolic link") != std::string::npos);
    through_link.append({{"aa", "aa", 100, 1, std::nullopt, std::nullopt}}, warnings);
    CHECK(slurp_record(target) == "precious\n");
}

TEST_CASE("an append after a torn line starts a new line, so both entries stay readable") {
    TempDir dir;
    auto file = dir / "book-1.jsonl";
    std::ofstream(file) << R"({"file_sha256":"aa","sent_sha256":"aa","image_id":1})" "\n" R"({"file_sha256":"bb","sent)";
    std::vector<std::string> warnings;
    UploadRecord record = UploadRecord::load(file, warnings);
    record.append({{"cc", "cc", 100, 3, std::nullopt, std::nullopt}}, warnings);
    warnings.clear();
    UploadRecord again = UploadRecord::load(file, warnings);
    CHECK(again.find("aa"));
    CHECK(again.find("cc"));
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0].find("1 unreadable line") != std::string::npos);
}

TEST_CASE("a record over its budget is neither used nor added to") {
    TempDir dir;
    auto file = dir / "book-1.jsonl";
    {
        std::ofstream out(file, std::ios::binary);
        std::string line = R"({"file_sha256":"aa","sent_sha256":"aa","image_id":1})" "\n";
        for (std::size_t written = 0; written <= bmx::upload::max_record_file_bytes; written += line.size()) out << line;
    }
    auto size = std::filesystem::file_size(file);
    std::vector<std::string> warnings;
    UploadRecord record = UploadRecord::load(file, warnings);
    CHECK(record.empty());
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0].find("over 4 MiB") != std::string::npos);
    record.append({{"bb", "bb", 100, 2, std::nullopt, std::nullopt}}, warnings);
    CHECK(std::filesystem::file_size(file) == size);
}

TEST_CASE("an entry is held only when the book lists its id with the same s3_key and file name, a fitted copy only for --fit") {
    TempDir dir;
    auto file = dir / "book-1.jsonl";
    std::vector<std::string> warnings;
    UploadRecord record = UploadRecord::load(file, warnings);
    record.append({{"kept", "kept", 100, 1, "books/1/1.jpg", "a.jpg"},
                   {"gone", "gone", 100, 2, "books/1/2.jpg", "b.jpg"},
                   {"reused", "reused", 100, 3, "books/1/3.jpg", "c.jpg"},
                   {"renamed", "renamed", 100, 4, std::nullopt, "d.jpg"},
                   {"bare", "bare", 100, 5, std::nullopt, std::nullopt},
                   {"photo", "its-fitted-copy", 90, 6, "books/1/6.jpg", "f.jpg"}},
                  warnings);
    std::vector<ListedImage> listing{{1, 0, true, "books/1/1.jpg", "a.jpg"},
                                     {3, 1, false, "books/1/3-new.jpg", "c.jpg"},
                                     {4, 2, false, "books/1/4.jpg", "other.jpg"},
                                     {5, 3, false, "books/1/5.jpg", "e.jpg"},
                                     {6, 4, false, "books/1/6.jpg", "f.jpg"}};
    auto held = bmx::upload::held_by_book(UploadRecord::load(file, warnings), listing, false);
    CHECK(held.size() == 2);
    CHECK(held.count("kept") == 1);
    CHECK(held.count("bare") == 1);
    CHECK(warnings.empty());
    // The book holds a fitted copy of "photo": that is the file only for a run that fits too.
    auto fitting = bmx::upload::held_by_book(UploadRecord::load(file, warnings), listing, true);
    CHECK(fitting.size() == 3);
    CHECK(fitting.count("photo") == 1);
}

TEST_CASE("workers wait for the decision, and a batch that gives up holds nothing") {
    HeldContent none = HeldContent::none();
    CHECK_FALSE(none.lookup("aa"));  // decided from the start: no wait

    HeldContent pending = HeldContent::pending({"aa"});
    CHECK(pending.may_hold("aa"));
    CHECK_FALSE(pending.may_hold("cc"));
    CHECK_FALSE(pending.lookup("cc"));  // not a content the record holds: not held, and no wait
    std::map<std::string, RecordedImage> held{{"aa", RecordedImage{"aa", "bb", 100, 7, std::nullopt, std::nullopt}}};
    std::thread decider([&] { pending.decide(held); });
    auto found = pending.lookup("aa");  // blocks until decide()
    decider.join();
    REQUIRE(found);
    CHECK(found->image_id == 7);
    pending.give_up();  // later calls change nothing
    CHECK(pending.lookup("aa"));

    HeldContent stopped = HeldContent::pending({"aa"});
    stopped.give_up();
    CHECK_FALSE(stopped.lookup("aa"));
}
