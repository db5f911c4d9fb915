// Resumable batches: the upload record keeps a re-run from sending what the book already holds.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <algorithm>
#include <future>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "core/sha256.hpp"
#include "harness.hpp"
#include "http/url.hpp"
#include "upload/upload_record.hpp"

using namespace bmx::testing;
using nlohmann::json;

namespace {

struct Batch {
    TempDir dir;
    std::vector<std::string> files;
    explicit Batch(int count, int first_variant = 1) {
        for (int i = 0; i < count; ++i) {
            auto path = dir / fmt::format("IMG_{:04}.jpg", i + 1);
            write_file(path, make_image_bytes("jpeg", 320, 240, first_variant + i));
            files.push_back(path.string());
        }
    }
};

std::vector<std::string> upload_args(const Batch& batch, std::vector<std::string> options = {}) {
    std::vector<std::string> args{"upload"};
    args.insert(args.end(), options.begin(), options.end());
    args.push_back("1");
    args.insert(args.end(), batch.files.begin(), batch.files.end());
    return args;
}

RunOptions sharing_state(const ServerProcess& server, const TempDir& state) {
    RunOptions options = with_key(server);
    options.env["XDG_STATE_HOME"] = state.path().string();
    return options;
}

// The file parts of the image POSTs the server received, in arrival order, by content hash.
std::vector<std::string> posted_file_hashes(const ServerProcess& server) {
    std::vector<std::string> hashes;
    for (const json& request : server.requests_to("/api/v1/books/1/images")) {
        if (request["method"] != "POST") continue;
        for (const json& part : request["parts"])
            if (part["name"] == "file") hashes.push_back(part["sha256"].get<std::string>());
    }
    return hashes;
}

std::vector<std::filesystem::path> record_files(const TempDir& state) {
    std::vector<std::filesystem::path> files;
    auto root = state.path() / "bmx-api" / "uploads";
    if (!std::filesystem::exists(root)) return files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root))
        if (entry.is_regular_file()) files.push_back(entry.path());
    return files;
}

std::string slurp(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// The book's images in the server's display order.
std::vector<long long> listed_ids(const ServerProcess& server) {
    std::vector<std::pair<long long, long long>> by_order;
    const json images = server.images();
    for (const json& image : images["1"])
        by_order.emplace_back(image["display_order"].get<long long>(), image["id"].get<long long>());
    std::sort(by_order.begin(), by_order.end());
    std::vector<long long> ids;
    for (const auto& [order, id] : by_order) ids.push_back(id);
    return ids;
}

// Uploads run concurrently, so they arrive in any order: compared as sorted lists.
std::vector<std::string> sorted(std::vector<std::string> hashes) {
    std::sort(hashes.begin(), hashes.end());
    return hashes;
}

}  // namespace

TEST_CASE("a re-run sends no image bytes, a deleted image is sent again, and --resend sends all") {
    DevServer server;
    TempDir state;
    Batch batch(6);

    auto first = run_bmx(upload_args(batch), sharing_state(server, state));
    REQUIRE(first.exit_code == 0);
    auto stored = json::parse(first.out);
    REQUIRE(stored.size() == 6);
    std::vector<long long> ids;
    std::vector<std::string> hashes;
    for (const json& status : stored) {
        CHECK(status["upload_status"] == "uploaded");
        ids.push_back(status["id"].get<long long>());
        hashes.push_back(status["sha256"].get<std::string>());
    }
    CHECK(sorted(posted_file_hashes(server)) == sorted(hashes));
    auto records = record_files(state);
    REQUIRE(records.size() == 1);
    CHECK(records[0].filename() == "book-1.jsonl");
    CHECK_FALSE(contains_key(slurp(records[0])));
    CHECK(contains(slurp(records[0]), hashes[3]));

    SUBCASE("the second run sends nothing and reports each file as held, with its id") {
        TempDir thumbs;  // --thumb-dir still gets every thumbnail
        auto second = run_bmx(upload_args(batch, {"--thumb-dir", thumbs.path().string()}), sharing_state(server, state));
        CHECK(second.exit_code == 0);
        auto statuses = json::parse(second.out);
        REQUIRE(statuses.size() == 6);
        for (std::size_t i = 0; i < 6; ++i) {
            CHECK(statuses[i]["local_thumbnail"]["status"] == "generated");
            CHECK(std::filesystem::exists(thumbs / fmt::format("IMG_{:04}.thumb.jpg", i + 1)));
            CHECK(statuses[i]["upload_status"] == "duplicate");
            CHECK(statuses[i]["id"] == ids[i]);
            CHECK(statuses[i]["sha256"] == hashes[i]);
            CHECK(statuses[i]["attempts"] == 0);
            CHECK(contains(statuses[i]["message"].get<std::string>(), "not sent again"));
        }
        CHECK(posted_file_hashes(server).size() == 6);  // still only the first run's
        CHECK(listed_ids(server) == ids);
    }

    SUBCASE("after one image is deleted on the server, exactly that file is sent") {
        auto deleted = run_bmx({"DELETE", fmt::format("/books/1/images/{}", ids[2])}, with_key(server));
        REQUIRE(deleted.exit_code == 0);
        auto third = run_bmx(upload_args(batch), sharing_state(server, state));
        CHECK(third.exit_code == 0);
        auto statuses = json::parse(third.out);
        auto posted = posted_file_hashes(server);
        REQUIRE(posted.size() == 7);
        CHECK(posted[6] == hashes[2]);
        CHECK(statuses[2]["upload_status"] == "uploaded");
        long long new_id = statuses[2]["id"].get<long long>();
        CHECK(new_id != ids[2]);
        for (std::size_t i : {0u, 1u, 3u, 4u, 5u}) CHECK(statuses[i]["upload_status"] == "duplicate");
        // A new image goes after the ones the book kept, which keep their places.
        std::vector<long long> kept{ids[0], ids[1], ids[3], ids[4], ids[5], new_id};
        CHECK(listed_ids(server) == kept);

        // The record now knows the new id: a fourth run sends nothing, and --arrange puts the
        // batch back in the person's order, the new image in the deleted one's place.
        auto fourth = run_bmx(upload_args(batch, {"--arrange"}), sharing_state(server, state));
        CHECK(fourth.exit_code == 0);
        CHECK(posted_file_hashes(server).size() == 7);
        CHECK(json::parse(fourth.out)[2]["id"] == new_id);
        std::vector<long long> wanted = ids;
        wanted[2] = new_id;
        CHECK(listed_ids(server) == wanted);
    }

    SUBCASE("--resend sends all six; the server dedupes them") {
        auto resent = run_bmx(upload_args(batch, {"--resend"}), sharing_state(server, state));
        CHECK(resent.exit_code == 0);
        auto posted = posted_file_hashes(server);
        REQUIRE(posted.size() == 12);
        CHECK(sorted(std::vector<std::string>(posted.begin() + 6, posted.end())) == sorted(hashes));
        for (const json& status : json::parse(resent.out)) CHECK(status["attempts"] == 1);
    }

    SUBCASE("another origin gets everything") {
        DevServer other;
        auto elsewhere = run_bmx(upload_args(batch), sharing_state(other, state));
        CHECK(elsewhere.exit_code == 0);
        CHECK(sorted(posted_file_hashes(other)) == sorted(hashes));
        CHECK(record_files(state).size() == 2);
    }
}

TEST_CASE("an entry whose id now holds other content is not taken as held") {
    // As after the server's data was reset: the record's id is on the book, but its s3_key (or, when
    // the record has none, its file name) is another image's.
    DevServer server;
    Batch other(1, 50);
    REQUIRE(run_bmx(upload_args(other), with_key(server)).exit_code == 0);
    long long other_id = server.images()["1"][0]["id"].get<long long>();
    Batch batch(2);
    auto sha = bmx::sha256_hex(slurp(batch.files[0]));
    REQUIRE(sha);
    auto origin = bmx::http::origin_of(server.base_url());
    REQUIRE(origin);

    for (const std::string& entry :
         {fmt::format(R"({{"file_sha256":"{0}","sent_sha256":"{0}","image_id":{1},"s3_key":"books/1/999.jpg","original_filename":null}})",
                      *sha, other_id),
          fmt::format(R"({{"file_sha256":"{0}","sent_sha256":"{0}","image_id":{1},"s3_key":null,"original_filename":"IMG_9999.jpg"}})",
                      *sha, other_id)}) {
        CAPTURE(entry);
        TempDir state;
        auto record = bmx::upload::record_file_path(state.path() / "bmx-api", origin->to_string(), 1);
        std::filesystem::create_directories(record.parent_path());
        write_file(record, entry + "\n");
        auto before = posted_file_hashes(server).size();
        auto rerun = run_bmx(upload_args(batch), sharing_state(server, state));
        CHECK(rerun.exit_code == 0);
        auto statuses = json::parse(rerun.out);
        CHECK(statuses[0]["attempts"] == 1);  // sent: the first pass stores it, the second is the server's duplicate
        CHECK(statuses[0]["id"] != other_id);
        CHECK(posted_file_hashes(server).size() == before + 2);
    }
}

TEST_CASE("an unreadable record is a warning, never a failure") {
    DevServer server;
    TempDir state;
    Batch batch(3);
    REQUIRE(run_bmx(upload_args(batch), sharing_state(server, state)).exit_code == 0);
    auto records = record_files(state);
    REQUIRE(records.size() == 1);
    {
        std::ofstream broken(records[0], std::ios::app);
        broken << "{\"file_sha256\": \"half a line\n\x01\x02 not json\n";
    }
    auto rerun = run_bmx(upload_args(batch), sharing_state(server, state));
    CHECK(rerun.exit_code == 0);
    CHECK(contains(rerun.err, "bmx-api: warning: the upload record"));
    CHECK(contains(rerun.err, "2 unreadable lines"));
    for (const json& status : json::parse(rerun.out)) CHECK(status["upload_status"] == "duplicate");
    CHECK(posted_file_hashes(server).size() == 3);  // the good lines still count

    std::filesystem::remove(records[0]);
    std::filesystem::create_directory(records[0]);  // now not a file at all
    auto unreadable = run_bmx(upload_args(batch), sharing_state(server, state));
    CHECK(unreadable.exit_code == 0);
    CHECK(contains(unreadable.err, "is not used (not a regular file)"));
    CHECK(posted_file_hashes(server).size() == 6);  // sent, and deduped by the server
}

TEST_CASE("two bmx-api processes recording at once leave every entry whole") {
    DevServer server;
    TempDir state;
    Batch left(5, 1), right(5, 20);
    // --no-reorder: two batches ordering one book at once would each find the other's order.
    auto run_left = std::async(std::launch::async,
                               [&] { return run_bmx(upload_args(left, {"--no-reorder"}), sharing_state(server, state)); });
    auto run_right = std::async(std::launch::async,
                                [&] { return run_bmx(upload_args(right, {"--no-reorder"}), sharing_state(server, state)); });
    auto a = run_left.get();
    auto b = run_right.get();
    REQUIRE(a.exit_code == 0);
    REQUIRE(b.exit_code == 0);
    auto records = record_files(state);
    REQUIRE(records.size() == 1);
    std::set<std::string> recorded;
    std::istringstream lines(slurp(records[0]));
    for (std::string line; std::getline(lines, line);) {
        json entry = json::parse(line);  // throws on a torn line
        recorded.insert(entry["sent_sha256"].get<std::string>());
    }
    CHECK(recorded.size() == 10);
    // And both halves are used: a re-run of either sends nothing.
    auto before = posted_file_hashes(server).size();
    CHECK(run_bmx(upload_args(left), sharing_state(server, state)).exit_code == 0);
    CHECK(run_bmx(upload_args(right), sharing_state(server, state)).exit_code == 0);
    CHECK(posted_file_hashes(server).size() == before);
}

TEST_CASE("a fitted copy on the book counts as held only for a run that fits too") {
    DevServer server;
    TempDir state;
    TempDir dir;
    write_file(dir / "plate.png", make_image_bytes("png", 900, 700, 6));
    const std::string file = (dir / "plate.png").string();
    auto fitted = run_bmx({"upload", "--fit", "--max-upload-bytes", "60000", "1", file}, sharing_state(server, state));
    REQUIRE(fitted.exit_code == 0);
    auto first = json::parse(fitted.out)[0];
    REQUIRE(first["fitted"].is_object());

    auto again = run_bmx({"upload", "--fit", "--max-upload-bytes", "60000", "1", file}, sharing_state(server, state));
    CHECK(again.exit_code == 0);
    auto held = json::parse(again.out)[0];
    CHECK(held["attempts"] == 0);
    CHECK(held["sha256"] == first["sha256"]);
    CHECK(held["bytes"] == first["bytes"]);  // the copy the server holds, not the file
    CHECK(posted_file_hashes(server).size() == 1);

    auto whole = run_bmx({"upload", "--max-upload-bytes", "0", "1", file}, sharing_state(server, state));
    CHECK(whole.exit_code == 0);
    auto sent = json::parse(whole.out)[0];
    CHECK(sent["upload_status"] == "uploaded");  // the book had only the fitted copy
    CHECK(posted_file_hashes(server).size() == 2);
}

TEST_CASE("with a record, a batch whose files all fail locally still sends nothing at all") {
    DevServer server;
    TempDir state;
    Batch batch(2);
    REQUIRE(run_bmx(upload_args(batch), sharing_state(server, state)).exit_code == 0);
    const auto before = server.requests().size();
    TempDir broken;
    write_file(broken / "empty.jpg", "");
    write_file(broken / "words.jpg", "not a photograph");
    auto failed = run_bmx({"upload", "1", (broken / "empty.jpg").string(), (broken / "words.jpg").string()},
                          sharing_state(server, state));
    CHECK(failed.exit_code == 2);
    CHECK(json::parse(failed.out).size() == 2);
    CHECK(server.requests().size() == before);
}

TEST_CASE("with a record, a JPEG that fails to decode reads no image list: exit 2 means nothing was sent") {
    DevServer server;
    TempDir state;
    Batch batch(2);
    REQUIRE(run_bmx(upload_args(batch), sharing_state(server, state)).exit_code == 0);
    REQUIRE_FALSE(record_files(state).empty());
    TempDir broken;
    const std::string jpeg = make_image_bytes("jpeg", 320, 240, 40);
    const auto truncated = broken / "truncated.jpg";
    write_file(truncated, jpeg.substr(0, jpeg.size() / 2));  // sniffs as a JPEG, fails to decode
    const auto before = server.requests().size();
    auto failed = run_bmx({"upload", "1", truncated.string()}, sharing_state(server, state));
    CHECK(failed.exit_code == 2);
    auto statuses = json::parse(failed.out);
    REQUIRE(statuses.size() == 1);
    CHECK(statuses[0]["error"]["stage"] == "decode");
    CHECK(server.requests().size() == before);  // not even the keyed GET of the image list
}

TEST_CASE("with a record, a broken JPEG beside a sendable file fails alone, in either order, and the image list is read") {
    DevServer server;
    TempDir state;
    Batch batch(2);
    REQUIRE(run_bmx(upload_args(batch), sharing_state(server, state)).exit_code == 0);
    TempDir broken;
    const std::string jpeg = make_image_bytes("jpeg", 320, 240, 41);
    const auto truncated = broken / "truncated.jpg";
    write_file(truncated, jpeg.substr(0, jpeg.size() / 2));
    const auto fresh = broken / "fresh.jpg";
    write_file(fresh, make_image_bytes("jpeg", 320, 240, 42));
    // The sendable file is one the record holds (known sendable once hashed), or a new one (once
    // decoded); the broken one comes before it or after it.
    const std::vector<std::vector<std::string>> batches{{truncated.string(), batch.files[0]},
                                                        {batch.files[1], truncated.string()},
                                                        {truncated.string(), fresh.string()}};
    for (const auto& files : batches) {
        CAPTURE(files[0]);
        CAPTURE(files[1]);
        const auto lists_before = server.requests_to("/api/v1/books/1/images").size();
        std::vector<std::string> args{"upload", "1"};
        args.insert(args.end(), files.begin(), files.end());
        auto result = run_bmx(args, sharing_state(server, state));
        CHECK(result.exit_code == 4);  // one file failed, one succeeded
        auto statuses = json::parse(result.out);
        REQUIRE(statuses.size() == 2);
        for (const json& status : statuses) {
            if (status["file"] == truncated.string()) {
                CHECK(status["upload_status"] == "failed");
                CHECK(status["error"]["stage"] == "decode");
            } else {
                CHECK(status["upload_status"] != "failed");
            }
        }
        std::size_t list_reads = 0;
        const auto requests = server.requests_to("/api/v1/books/1/images");
        for (std::size_t i = lists_before; i < requests.size(); ++i)
            if (requests[i]["method"] == "GET") ++list_reads;
        CHECK(list_reads >= 1);
    }
    // The new file arrived once; the held ones were not sent again.
    CHECK(posted_file_hashes(server).size() == 3);
}
