// Every file's status is true and final, whatever the server answers and whatever the process is
// sent: the defects found on the old pipeline, one test each.
#include <doctest/doctest.h>

#include <csignal>

#include <fmt/format.h>

#include "harness.hpp"

using namespace bmx::testing;
using nlohmann::json;

namespace {

std::size_t posts_to_images(const ServerProcess& server) {
    std::size_t count = 0;
    for (const json& request : server.requests())
        count += request["method"] == "POST" && request["path"].get<std::string>().find("/images") != std::string::npos;
    return count;
}

std::size_t stored_count(const DevServer& server, const std::string& book) {
    json images = server.images();
    return images.contains(book) ? images[book].size() : 0;
}

}  // namespace

TEST_CASE("a copy whose first copy failed is uploaded in its place, and the exit code counts it") {
    DevServer server({"--fail-images", "1", "--fail-status", "500"});
    TempDir dir;
    std::string photo = make_image_bytes("jpeg", 64, 48, 1);
    write_file(dir / "01.jpg", photo);
    write_file(dir / "02-copy.jpg", photo);
    auto result = run_bmx({"upload", "3", dir.path().string(), "--retry", "0"}, with_key(server));
    json statuses = json::parse(result.out);
    REQUIRE(statuses.size() == 2);
    CHECK(statuses[0]["upload_status"] == "failed");
    CHECK(statuses[0]["http_status"] == 500);
    CHECK(statuses[1]["upload_status"] == "uploaded");
    CHECK(statuses[1]["copy_of"].is_null());
    CHECK(result.exit_code == 4);
    CHECK(stored_count(server, "3") == 1);
}

TEST_CASE("of three identical files the first is uploaded and the others name it, every run") {
    for (int run = 0; run < 8; ++run) {
        DevServer server({"--processing-delay-ms", "20"});
        TempDir dir;
        std::string photo = make_image_bytes("jpeg", 64, 48, 2);
        for (const char* name : {"a.jpg", "b.jpg", "c.jpg"}) write_file(dir / name, photo);
        auto result = run_bmx({"upload", "4", dir.path().string(), "--jobs", "3"}, with_key(server));
        REQUIRE(result.exit_code == 0);
        json statuses = json::parse(result.out);
        CHECK(statuses[0]["upload_status"] == "uploaded");
        CHECK(statuses[1]["upload_status"] == "duplicate");
        CHECK(statuses[2]["upload_status"] == "duplicate");
        CHECK(statuses[1]["copy_of"] == (dir / "a.jpg").string());
        CHECK(statuses[2]["copy_of"] == (dir / "a.jpg").string());
        CHECK(posts_to_images(server) == 1);
        for (const json& request : server.requests())
            if (request["method"] == "POST") CHECK(request["parts"][0]["filename"] == "a.jpg");
    }
}

TEST_CASE("--dry-run settles in-batch copies as duplicates, never pending") {
    DevServer server;
    TempDir dir;
    std::string photo = make_image_bytes("jpeg", 64, 48, 3);
    write_file(dir / "a.jpg", photo);
    write_file(dir / "b.jpg", photo);
    auto result = run_bmx({"upload", "5", dir.path().string(), "--dry-run"}, with_key(server));
    REQUIRE(result.exit_code == 0);
    json statuses = json::parse(result.out);
    CHECK(statuses[0]["upload_status"] == "would_upload");
    CHECK(statuses[1]["upload_status"] == "duplicate");
    CHECK(statuses[1]["copy_of"] == (dir / "a.jpg").string());
    CHECK(server.requests().empty());
}

TEST_CASE("null optional fields in upload answers are read as absent, and every status is printed") {
    DevServer server({"--null-optional-fields"});
    TempDir dir;
    write_file(dir / "a.jpg", make_image_bytes("jpeg", 64, 48, 4));
    write_file(dir / "b.jpg", make_image_bytes("jpeg", 64, 48, 5));
    auto result = run_bmx({"upload", "6", dir.path().string()}, with_key(server));
    INFO(result.err);
    CHECK(result.exit_code == 0);
    json statuses = json::parse(result.out);
    REQUIRE(statuses.size() == 2);
    for (const json& status : statuses) {
        CHECK(status["upload_status"] == "uploaded");
        CHECK(status["duplicate"].is_null());
        CHECK(status["display_order"].is_number_integer());
    }
    CHECK(stored_count(server, "6") == 2);
}

TEST_CASE("SIGTERM or SIGHUP mid-batch stops it like Ctrl-C: every file gets a final status, exit 130") {
  for (int signal : {SIGTERM, SIGHUP}) {
    INFO("signal " << signal);
    DevServer server({"--latency-ms", "1500"});
    TempDir dir;
    for (int i = 0; i < 6; ++i) write_file(dir / fmt::format("{}.jpg", i), make_image_bytes("jpeg", 64, 48, 10 + i));
    RunOptions options = with_key(server);
    options.signal_after_ms = 700;
    options.signals = {signal};
    auto result = run_bmx({"upload", "7", dir.path().string(), "--parallel", "2"}, options);
    CHECK(result.exit_code == 130);
    json statuses = json::parse(result.out);
    REQUIRE(statuses.size() == 6);
    std::size_t cancelled = 0;
    for (const json& status : statuses) {
        CHECK(status["upload_status"] != "pending");
        cancelled += status["upload_status"] == "cancelled";
    }
    CHECK(cancelled >= 1);
  }
}

TEST_CASE("a third Ctrl-C leaves at once but still writes the statuses known so far") {
    DevServer server({"--latency-ms", "5000"});
    TempDir dir;
    for (int i = 0; i < 4; ++i) write_file(dir / fmt::format("{}.jpg", i), make_image_bytes("jpeg", 64, 48, 20 + i));
    RunOptions options = with_key(server);
    options.signal_after_ms = 800;
    // Three different signals at once: ordinary signals of one kind would merge while pending.
    options.signals = {SIGINT, SIGTERM, SIGHUP};
    auto result = run_bmx({"upload", "8", dir.path().string()}, options);
    CHECK(result.exit_code == 130);
    json statuses = json::parse(result.out);
    REQUIRE(statuses.size() == 4);
    for (const json& status : statuses) CHECK(status["upload_status"] == "cancelled");
    CHECK(result.err.find("interrupted a third time") != std::string::npos);
}

TEST_CASE("--thumb-dir refuses a thumbnail name taken by an earlier file, and does not upload that file") {
    DevServer server;
    TempDir dir, thumbs;
    write_file(dir / "a" / "cover.jpg", make_image_bytes("jpeg", 64, 48, 30));
    write_file(dir / "b" / "cover.jpg", make_image_bytes("jpeg", 64, 48, 31));
    auto result = run_bmx({"upload", "9", (dir / "a" / "cover.jpg").string(), (dir / "b" / "cover.jpg").string(),
                           "--thumb-dir", thumbs.path().string()},
                          with_key(server));
    CHECK(result.exit_code == 4);
    json statuses = json::parse(result.out);
    CHECK(statuses[0]["upload_status"] == "uploaded");
    CHECK(statuses[1]["upload_status"] == "failed");
    CHECK(statuses[1]["error"]["stage"] == "write");
    CHECK(statuses[1]["error"]["message"].get<std::string>().find("already used by") != std::string::npos);
    CHECK(posts_to_images(server) == 1);
    CHECK(std::filesystem::exists(thumbs / "cover.thumb.jpg"));
}

TEST_CASE("an upload to a path with a trailing slash follows the server's 307 with its body") {
    DevServer server;
    TempDir dir;
    write_file(dir / "a.jpg", make_image_bytes("jpeg", 64, 48, 40));
    auto result = run_bmx({"--image", (dir / "a.jpg").string(), "POST", "/books/10/images/"}, with_key(server));
    INFO(result.err);
    CHECK(result.exit_code == 0);
    CHECK(json::parse(result.out)["upload_status"] == "uploaded");
    CHECK(stored_count(server, "10") == 1);
}

TEST_CASE("a missing book stops the batch before any photo is sent: every file cancelled, exit 1") {
    DevServer server;
    TempDir dir;
    for (int i = 0; i < 5; ++i) write_file(dir / fmt::format("{}.jpg", i), make_image_bytes("jpeg", 64, 48, 50 + i));
    auto result = run_bmx({"upload", "999", dir.path().string()}, with_key(server));
    CHECK(result.exit_code == 1);
    json statuses = json::parse(result.out);
    REQUIRE(statuses.size() == 5);
    for (const json& status : statuses) {
        CHECK(status["upload_status"] == "cancelled");
        CHECK(status["error"]["message"].get<std::string>().find("Book not found") != std::string::npos);
    }
    CHECK(posts_to_images(server) == 0);
    CHECK(result.err.find("HTTP 404") != std::string::npos);
}

TEST_CASE("a refused key stops the batch at the first answer: exit 1, the rest cancelled") {
    DevServer server;
    TempDir dir;
    for (int i = 0; i < 4; ++i) write_file(dir / fmt::format("{}.jpg", i), make_image_bytes("jpeg", 64, 48, 60 + i));
    RunOptions options;
    options.env["BMX_BASE_URL"] = server.base_url();
    options.env["BMX_API_KEY"] = "not-the-key";
    auto result = run_bmx({"upload", "1", dir.path().string()}, options);
    CHECK(result.exit_code == 1);
    json statuses = json::parse(result.out);
    for (const json& status : statuses) CHECK(status["upload_status"] == "cancelled");
    CHECK(posts_to_images(server) == 0);
    CHECK(result.err.find("HTTP 401") != std::string::npos);
}

TEST_CASE("no API key at all is refused before anything is sent: exit 2, stage key") {
    DevServer server;
    TempDir dir;
    write_file(dir / "a.jpg", make_image_bytes("jpeg", 64, 48, 70));
    RunOptions options;
    options.env["BMX_BASE_URL"] = server.base_url();
    auto result = run_bmx({"upload", "1", dir.path().string()}, options);
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("no API key") != std::string::npos);
    CHECK(server.requests().empty());
}

TEST_CASE("statuses that cannot be written (a full disk, a closed stdout) end non-zero with a message") {
    DevServer server;
    TempDir dir;
    write_file(dir / "a.jpg", make_image_bytes("jpeg", 64, 48, 80));
    RunOptions options = with_key(server);
    std::string command = fmt::format("'{}' upload 1 '{}'", bmx_api_binary(), (dir / "a.jpg").string());
    auto full = run_program("/bin/sh", {"-c", command + " > /dev/full"}, options);
    CHECK(full.exit_code == 74);
    CHECK(full.err.find("could not write to standard output") != std::string::npos);
    auto closed = run_program("/bin/sh", {"-c", command + " >&-"}, options);
    CHECK(closed.exit_code == 74);
    CHECK(closed.err.find("could not write to standard output") != std::string::npos);
}
