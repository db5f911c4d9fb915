// The bad-input corpus: every case ends in a failed status with its stage and reason, and the
// server receives nothing. Inputs are made by code here, not shipped as blobs.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <algorithm>
#include <sstream>

#include <fmt/format.h>

#include "core/base64.hpp"
#include "harness.hpp"

using namespace bmx::testing;
using nlohmann::json;

namespace {

std::string be32(std::uint32_t value) {
    return {static_cast<char>(value >> 24), static_cast<char>(value >> 16), static_cast<char>(value >> 8), static_cast<char>(value)};
}

// A PNG whose IHDR declares 50000x50000 (2500 MP); its one IDAT chunk is tiny.
std::string huge_png_header() {
    std::string png("\x89PNG\r\n\x1a\n", 8);
    std::string ihdr = be32(50000) + be32(50000) + std::string("\x08\x02\x00\x00\x00", 5);
    png += be32(13) + "IHDR" + ihdr + be32(0);  // CRC left wrong on purpose: the size check comes first
    png += be32(0) + "IEND" + be32(0xAE426082);
    return png;
}

// A GIF with a header and palette but no image descriptor: the trailer comes at once.
std::string gif_without_frames() {
    std::string gif("GIF89a\x01\x00\x01\x00\x80\x00\x00", 13);
    gif += std::string("\x00\x00\x00\xff\xff\xff", 6);
    gif += ";";
    return gif;
}

struct BadInput {
    std::string name;   // the file's name
    std::string bytes;  // its content
    std::string stage;  // the expected error stage
    std::string reason; // a phrase the message must contain
};

void check_refused(const CommandResult& result, const std::string& stage, const std::string& reason) {
    CHECK(result.exit_code == 2);
    json status = json::parse(result.out);
    CHECK(status["upload_status"] == "failed");
    CHECK(status["error"]["stage"] == stage);
    std::string message = status["error"]["message"].get<std::string>();
    CAPTURE(message);
    CHECK(message.find(reason) != std::string::npos);
    CHECK(status["id"].is_null());
}

}  // namespace

TEST_CASE("bad image files are refused with their stage and reason and nothing is sent") {
    DevServer server;
    TempDir dir;
    std::string jpeg = make_image_bytes("jpeg", 400, 300, 1);
    std::string png = make_image_bytes("png", 400, 300, 2);
    std::string webp = make_image_bytes("webp", 64, 64, 3);
    std::string corrupt_webp = webp;
    for (std::size_t i = 20; i < corrupt_webp.size(); ++i) corrupt_webp[i] = static_cast<char>(corrupt_webp[i] ^ 0x5a);
    std::vector<BadInput> corpus{
        {"empty.jpg", "", "format", "empty"},
        {"truncated.jpg", jpeg.substr(0, jpeg.size() / 2), "decode", "truncated JPEG"},
        {"truncated.png", png.substr(0, png.size() / 2), "decode", "PNG"},
        {"words.jpg", "Dear Sir, the binding is loose.\n", "format", "not an image"},
        {"invoice.jpg", "%PDF-1.7\n1 0 obj\n", "format", "PDF"},
        {"huge.png", huge_png_header(), "limits", "50000x50000"},
        {"no-frames.gif", gif_without_frames(), "decode", "GIF"},
        {"corrupt.webp", corrupt_webp, "decode", "WebP"},
    };
    for (const BadInput& input : corpus) {
        CAPTURE(input.name);
        write_file(dir / input.name, input.bytes);
        auto result = run_bmx({"--image", (dir / input.name).string(), "POST", "/books/1/images"}, with_key(server));
        check_refused(result, input.stage, input.reason);
    }
    CHECK(server.requests().empty());
}

TEST_CASE("a directory, a dangling symlink and a FIFO with no writer are read errors, without hanging" * doctest::test_suite("tsan")) {
    DevServer server;
    TempDir dir;
    std::filesystem::create_directory(dir / "folder.jpg");
    std::filesystem::create_symlink(dir / "gone.jpg", dir / "dangling.jpg");
    REQUIRE(::mkfifo((dir / "pipe.jpg").c_str(), 0600) == 0);
    auto options = with_key(server);
    options.timeout = std::chrono::milliseconds(10000);

    auto folder = run_bmx({"--image", (dir / "folder.jpg").string(), "POST", "/books/1/images"}, options);
    check_refused(folder, "read", "is a directory");
    auto dangling = run_bmx({"--image", (dir / "dangling.jpg").string(), "POST", "/books/1/images"}, options);
    check_refused(dangling, "read", "symbolic link whose target does not exist");
    auto fifo = run_bmx({"--image", (dir / "pipe.jpg").string(), "POST", "/books/1/images"}, options);
    CHECK_FALSE(fifo.timed_out);
    check_refused(fifo, "read", "not a regular file");
    CHECK(server.requests().empty());
}

TEST_CASE("a path with spaces and non-UTF-8 bytes still gives valid status JSON") {
    DevServer server;
    TempDir dir;
    std::string name = "cover photo \xff\xfe latin1 \xe9.jpg";
    write_file(dir / name, make_image_bytes("jpeg", 120, 90, 4));
    write_file(dir / ("broken \xff.jpg"), "not an image at all");
    auto result = run_bmx({"upload", "1", (dir / name).string(), (dir / "broken \xff.jpg").string()}, with_key(server));
    CHECK(result.exit_code == 4);
    json statuses = json::parse(result.out);  // throws if the output were not valid JSON
    REQUIRE(statuses.size() == 2);
    CHECK(statuses[0]["upload_status"] == "uploaded");
    CHECK(statuses[0]["file"].get<std::string>().find("cover photo") != std::string::npos);
    CHECK(statuses[1]["error"]["stage"] == "format");
    // One image POST, for the good file (the other request is the book's image list). The log
    // is an array: before the dev server read such names as Latin-1 it could not write it.
    json requests = server.requests();
    REQUIRE(requests.is_array());
    int posts = 0;
    for (const json& request : requests) posts += request["method"] == "POST" ? 1 : 0;
    CHECK(posts == 1);
}

namespace non_utf8_names {

int image_posts(const ServerProcess& server) {
    int posts = 0;
    for (const json& request : server.requests_to("/api/v1/books/1/images"))
        if (request["method"] == "POST") ++posts;
    return posts;
}

std::string exact_bytes(const json& field) {
    REQUIRE(field.is_string());
    auto bytes = bmx::base64_decode(field.get<std::string>());
    REQUIRE(bytes.has_value());
    return *bytes;
}

}  // namespace non_utf8_names

TEST_CASE("a name that is not UTF-8 keeps its exact bytes: file_bytes_base64, the --thumb-dir file and the record") {
    using namespace non_utf8_names;
    DevServer server;
    TempDir dir, thumbs, state;
    const std::string latin1 = "caf\xe9 \xff.jpg";
    write_file(dir / latin1, make_image_bytes("jpeg", 120, 90, 5));
    write_file(dir / "plain.jpg", make_image_bytes("jpeg", 120, 90, 6));
    RunOptions options = with_key(server);
    options.env["XDG_STATE_HOME"] = state.path().string();
    const std::vector<std::string> files{(dir / latin1).string(), (dir / "plain.jpg").string()};
    auto result = run_bmx({"upload", "1", files[0], files[1], "--thumb-dir", thumbs.path().string()}, options);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    json statuses = json::parse(result.out);
    REQUIRE(statuses.size() == 2);
    // `file` stays text, with U+FFFD for each byte that is not UTF-8; the exact bytes name the file on disk.
    CHECK(statuses[0]["file"] == (dir / "caf\xef\xbf\xbd \xef\xbf\xbd.jpg").string());
    CHECK(exact_bytes(statuses[0]["file_bytes_base64"]) == files[0]);
    const std::string thumbnail = exact_bytes(statuses[0]["local_thumbnail"]["path_bytes_base64"]);
    CHECK(thumbnail == (thumbs / "caf\xe9 \xff.thumb.jpg").string());
    CHECK(std::filesystem::is_regular_file(thumbnail));
    // Only a name that needs it gets the field.
    CHECK(statuses[1]["file"] == files[1]);
    CHECK_FALSE(statuses[1].contains("file_bytes_base64"));
    CHECK_FALSE(statuses[1]["local_thumbnail"].contains("path_bytes_base64"));
    // The server decodes a filename that is not UTF-8 as Latin-1, as Starlette does.
    json book = server.book_images(1);
    REQUIRE(book.size() == 2);
    CHECK(book[0]["original_filename"] == "caf\xc3\xa9 \xc3\xbf.jpg");
    CHECK(image_posts(server) == 2);
    // The form named the file by its own bytes (the server's Latin-1 reading shows them), not U+FFFD.
    std::vector<std::string> sent_names;
    for (const json& request : server.requests_to("/api/v1/books/1/images"))
        if (request["method"] == "POST")
            for (const json& part : request["parts"])
                if (part["name"] == "file") sent_names.push_back(part["filename"].get<std::string>());
    CHECK(std::count(sent_names.begin(), sent_names.end(), "caf\xc3\xa9 \xc3\xbf.jpg") == 1);

    // The record keeps the name as the server lists it, or else the exact bytes sent: never U+FFFD alone.
    std::vector<json> entries;
    for (const auto& found : std::filesystem::recursive_directory_iterator(state.path()))
        if (found.path().extension() == ".jsonl") {
            std::istringstream lines(read_text_file(found.path()));
            for (std::string line; std::getline(lines, line);) entries.push_back(json::parse(line));
        }
    REQUIRE(entries.size() == 2);
    for (const json& entry : entries) {
        if (entry["image_id"] != book[0]["id"]) continue;
        if (entry.contains("original_filename_base64"))
            CHECK(exact_bytes(entry["original_filename_base64"]) == latin1);
        else
            CHECK(entry["original_filename"] == "caf\xc3\xa9 \xc3\xbf.jpg");
    }

    // The record names the image as the server holds it, so a second run sends nothing.
    auto again = run_bmx({"upload", "1", files[0], files[1]}, options);
    INFO(again.err);
    CHECK(again.exit_code == 0);
    CHECK(image_posts(server) == 2);
    json second = json::parse(again.out);
    REQUIRE(second.size() == 2);
    CHECK(second[0]["id"] == book[0]["id"]);
    CHECK(exact_bytes(second[0]["file_bytes_base64"]) == files[0]);
}

TEST_CASE("an empty --text-file, invalid JSON bodies and an oversized JSON body are refused before sending") {
    DevServer server;
    TempDir dir;
    write_file(dir / "empty.md", "");
    auto empty = run_bmx({"--text-file", (dir / "empty.md").string(), "PUT", "/books/1/analysis"}, with_key(server));
    CHECK(empty.exit_code == 2);
    CHECK(empty.err.find("is empty; nothing to send") != std::string::npos);

    for (std::string body : {"", "{", "{\"a\":}", "[1,2", "{\"title\": 'single'}", "nul", "{\"a\":1}}", "\xff\xfe{}"}) {
        CAPTURE(body);
        auto result = run_bmx({"POST", "/books", body}, with_key(server));
        CHECK(result.exit_code == 2);
        CHECK(result.err.find("invalid JSON body at line") != std::string::npos);
    }

    std::string big = "{\"items\":[";
    while (big.size() < 10 * 1024 * 1024) big += "\"Victorian binding, gilt edges, marbled boards\",";
    big += "\"end\"]}";
    write_file(dir / "big.json", big);
    auto oversized = run_bmx({"POST", "/books", fmt::format("@{}", (dir / "big.json").string())}, with_key(server));
    CHECK(oversized.exit_code == 2);
    CHECK(oversized.err.find("over the") != std::string::npos);
    CHECK(oversized.err.find("limit") != std::string::npos);
    CHECK(server.requests().empty());
}
