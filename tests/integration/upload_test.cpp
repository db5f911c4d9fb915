// `bmx-api upload` and `--image` against bmx-devserver (and bmx-faultpeer for broken networks).
#include <doctest/doctest.h>

#include <set>
#include <sstream>

#include <fmt/format.h>

#include "harness.hpp"

using namespace bmx::testing;
using nlohmann::json;

namespace {

std::vector<json> image_posts(const ServerProcess& server) {
    std::vector<json> posts;
    for (const json& request : server.requests())
        if (request["method"] == "POST" && request["path"].get<std::string>().find("/images") != std::string::npos)
            posts.push_back(request);
    return posts;
}

std::set<std::string> stored_hashes(const DevServer& server, const std::string& book) {
    std::set<std::string> hashes;
    json images = server.images();
    if (!images.contains(book)) return hashes;
    for (const json& image : images[book]) hashes.insert(image["sha256"].get<std::string>());
    return hashes;
}

}  // namespace

TEST_CASE("a mixed batch gives each file its status in input order, uploads only the good files, and exits 4" * doctest::test_suite("tsan")) {
    DevServer server;
    TempDir dir;
    std::string jpeg = make_image_bytes("jpeg", 640, 480, 1);
    std::string png = make_image_bytes("png", 300, 500, 2);
    std::string webp = make_image_bytes("webp", 320, 240, 3);
    std::string already = make_image_bytes("jpeg", 200, 200, 4);
    write_file(dir / "01-cover.jpg", jpeg);
    write_file(dir / "02-spine.png", png);
    write_file(dir / "03-plate.webp", webp);
    write_file(dir / "04-corrupt.jpg", jpeg.substr(0, jpeg.size() / 3));
    write_file(dir / "05-notes.jpg", "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n");
    write_file(dir / "06-cover-again.jpg", jpeg);
    write_file(dir / "07-already.jpg", already);

    auto first = run_bmx({"--image", (dir / "07-already.jpg").string(), "POST", "/books/5/images"}, with_key(server.base_url()));
    REQUIRE(first.exit_code == 0);
    auto first_status = json::parse(first.out);
    CHECK(first_status["upload_status"] == "uploaded");
    CHECK(first_status["id"].is_number());

    auto result = run_bmx({"upload", "5", dir.path().string()}, with_key(server.base_url()));
    CHECK(result.exit_code == 4);
    auto statuses = json::parse(result.out);
    REQUIRE(statuses.size() == 7);
    std::vector<std::string> expected{"uploaded", "uploaded", "uploaded", "failed", "failed", "duplicate", "duplicate"};
    for (std::size_t i = 0; i < expected.size(); ++i) {
        CAPTURE(i);
        CHECK(statuses[i]["upload_status"] == expected[i]);
    }
    CHECK(statuses[0]["file"].get<std::string>().ends_with("01-cover.jpg"));
    CHECK(statuses[0]["thumbnail_status"] == "generated");
    CHECK(statuses[0]["local_thumbnail"]["status"] == "generated");
    CHECK(statuses[0]["local_thumbnail"]["width"] == 300);
    CHECK(statuses[1]["format"] == "png");
    CHECK(statuses[2]["format"] == "webp");
    CHECK(statuses[2]["thumbnail_status"] == "generated");
    CHECK(statuses[2]["warnings"].empty());
    CHECK(statuses[3]["error"]["stage"] == "decode");
    CHECK(statuses[3]["id"].is_null());
    CHECK(statuses[4]["error"]["stage"] == "format");
    CHECK(statuses[4]["error"]["message"].get<std::string>().find("PDF") != std::string::npos);
    CHECK(statuses[5]["duplicate"] == true);
    CHECK(statuses[5]["message"].get<std::string>().find("01-cover.jpg") != std::string::npos);
    CHECK(statuses[5]["id"] == statuses[0]["id"]);
    CHECK(statuses[6]["duplicate"] == true);
    CHECK(statuses[6]["thumbnail_status"] == "skipped");
    CHECK(statuses[6]["id"] == first_status["id"]);
    CHECK(statuses[6]["http_status"] == 201);  // FastAPI answers a duplicate with the route's 201 too
    CHECK(result.err.find("3 uploaded, 2 duplicate, 2 failed") != std::string::npos);
    CHECK(result.err.find("04-corrupt.jpg") != std::string::npos);

    // What the server got: the three good files and the one it already had; nothing else.
    auto posts = image_posts(server);
    CHECK(posts.size() == 5);  // the first --image run plus four from the batch
    std::set<std::string> sent;
    for (std::size_t i = 1; i < posts.size(); ++i) {
        REQUIRE(posts[i]["parts"].size() >= 2);
        for (const json& part : posts[i]["parts"])
            if (part["name"] == "file") sent.insert(part["filename"].get<std::string>());
    }
    CHECK(sent == std::set<std::string>{"01-cover.jpg", "02-spine.png", "03-plate.webp", "07-already.jpg"});
    CHECK(stored_hashes(server, "5").size() == 4);
    CHECK_FALSE(contains_key(result.out));
    CHECK_FALSE(contains_key(result.err));
}

TEST_CASE("each upload sends the original as 'file' and the local thumbnail as 'thumbnail', with the query options" * doctest::test_suite("tsan")) {
    DevServer server;
    TempDir dir;
    write_file(dir / "plate.jpg", make_image_bytes("jpeg", 1200, 900, 9));
    auto result = run_bmx({"--image", (dir / "plate.jpg").string(), "--type", "title_page", "--primary", "--caption",
                           "Title page, first state", "POST", "/books/2/images"},
                          with_key(server.base_url()));
    CHECK(result.exit_code == 0);
    auto status = json::parse(result.out);
    CHECK(status.is_object());
    CHECK(status["image_type"] == "title_page");
    CHECK(status["is_primary"] == true);
    CHECK(status["attempts"] == 1);
    auto posts = image_posts(server);
    REQUIRE(posts.size() == 1);
    std::string query = posts[0]["query"];
    CHECK(query.find("image_type=title_page") != std::string::npos);
    CHECK(query.find("is_primary=true") != std::string::npos);
    CHECK(query.find("caption=Title%20page%2C%20first%20state") != std::string::npos);
    json file_part, thumb_part;
    for (const json& part : posts[0]["parts"]) {
        if (part["name"] == "file") file_part = part;
        if (part["name"] == "thumbnail") thumb_part = part;
    }
    CHECK(file_part["size"] == status["bytes"]);
    CHECK(file_part["sha256"] == status["sha256"]);
    CHECK(file_part["content_type"] == "image/jpeg");
    CHECK(thumb_part["content_type"] == "image/jpeg");
    CHECK(thumb_part["size"].get<long>() > 0);
}

TEST_CASE("a 503 then 201 is retried and succeeds, reporting its attempts" * doctest::test_suite("tsan")) {
    DevServer server({"--fail-images", "1"});
    TempDir dir;
    write_file(dir / "a.jpg", make_image_bytes("jpeg", 64, 64, 1));
    auto result = run_bmx({"upload", "3", (dir / "a.jpg").string()}, with_key(server.base_url()));
    CHECK(result.exit_code == 0);
    auto statuses = json::parse(result.out);
    CHECK(statuses[0]["upload_status"] == "uploaded");
    CHECK(statuses[0]["attempts"] == 2);
    CHECK(result.err.find("retrying (attempt 2 of 4) after HTTP 503") != std::string::npos);
    auto posts = image_posts(server);
    REQUIRE(posts.size() == 2);
    CHECK(posts[0]["status"] == 503);
    CHECK(posts[1]["status"] == 201);
}

TEST_CASE("a 503 storm gives up after --retries with the last status and the attempts" * doctest::test_suite("tsan")) {
    DevServer server({"--fail-images", "100"});
    TempDir dir;
    write_file(dir / "a.jpg", make_image_bytes("jpeg", 64, 64, 1));
    auto result = run_bmx({"upload", "3", (dir / "a.jpg").string(), "--retry", "2"}, with_key(server.base_url()));
    CHECK(result.exit_code == 1);
    auto status = json::parse(result.out)[0];
    CHECK(status["upload_status"] == "failed");
    CHECK(status["attempts"] == 3);
    CHECK(status["http_status"] == 503);
    CHECK(status["error"]["message"].get<std::string>().find("gave up after 3 attempts") != std::string::npos);
    CHECK(image_posts(server).size() == 3);
}

TEST_CASE("a connection reset mid-upload is retried and the file arrives once" * doctest::test_suite("tsan")) {
    DevServer server;
    // The first connection carries the book's image list (a small GET), then the upload, cut off
    // after 64 KiB. Connection 2 is cut off too, and connection 3 is relayed. Whether connections 1
    // and 2 are one attempt or two is libcurl's choice, not bmx-api's: libcurl may re-send a request
    // whose reused connection died before any answer (seen both ways on a loaded machine), so the
    // file takes 2 or 3 attempts. Either way bmx-api retried, and the server stored it once.
    ServerProcess peer(BMX_FAULTPEER_BIN,
                       {"--mode", "reset-midway", "--count", "2", "--upstream-port", std::to_string(server.port())});
    TempDir dir;
    write_file(dir / "big.png", make_image_bytes("png", 900, 900, 5));
    auto result = run_bmx({"upload", "4", (dir / "big.png").string()}, with_key(peer.base_url()));
    CHECK(result.exit_code == 0);
    auto status = json::parse(result.out)[0];
    CHECK(status["upload_status"] == "uploaded");
    int attempts = status["attempts"].get<int>();
    CHECK((attempts == 2 || attempts == 3));
    CHECK(result.err.find("retrying (attempt 2 of 4)") != std::string::npos);
    CHECK(server.images()["4"].size() == 1);  // cut-off bodies are never stored
    CHECK(stored_hashes(server, "4").count(status["sha256"].get<std::string>()) == 1);
}

TEST_CASE("a server that never answers ends in exit 3, the file not sent and the timeout named" * doctest::test_suite("tsan")) {
    ServerProcess peer(BMX_FAULTPEER_BIN, {"--mode", "hang"});
    TempDir dir;
    write_file(dir / "a.jpg", make_image_bytes("jpeg", 64, 64, 1));
    auto started = std::chrono::steady_clock::now();
    auto result = run_bmx({"--timeout", "1", "upload", "3", (dir / "a.jpg").string(), "--retry", "0"}, with_key(peer.base_url()));
    auto took = std::chrono::steady_clock::now() - started;
    CHECK(result.exit_code == 3);
    // The book's image list, read before the first upload, is what timed out: the photo stays home.
    auto status = json::parse(result.out)[0];
    CHECK(status["upload_status"] == "cancelled");
    CHECK(status["error"]["message"].get<std::string>().find("no complete answer within") != std::string::npos);
    CHECK(result.err.find("no complete answer within") != std::string::npos);
    CHECK(took < std::chrono::seconds(12));  // --timeout 1, where a hang would run into the harness's 20 s
}

TEST_CASE("an upload itself that gets no answer ends in stage timeout and exit 3") {
    // The list read answers at once; the upload's processing takes longer than --timeout. (Not
    // retried here: the server keeps the photo it was processing, so a retry finds a duplicate.)
    DevServer peer({"--processing-delay-ms", "4000"});
    TempDir dir;
    write_file(dir / "a.jpg", make_image_bytes("jpeg", 64, 64, 1));
    auto result = run_bmx({"--timeout", "1", "upload", "1", (dir / "a.jpg").string(), "--retry", "0"}, with_key(peer.base_url()));
    CHECK(result.exit_code == 3);
    auto status = json::parse(result.out).at(0);
    CHECK(status["upload_status"] == "failed");
    CHECK(status["error"]["stage"] == "timeout");
}

TEST_CASE("401, 404 and 413 are final and say why") {
    DevServer server({"--max-upload-bytes", "20000"});
    TempDir dir;
    write_file(dir / "small.jpg", make_image_bytes("jpeg", 32, 32, 1));
    write_file(dir / "large.png", make_image_bytes("png", 400, 400, 2));

    RunOptions wrong_key;
    wrong_key.env["BMX_BASE_URL"] = server.base_url();
    wrong_key.env["BMX_API_KEY"] = "tk_wrong_key";
    auto unauthorised = run_bmx({"--image", (dir / "small.jpg").string(), "POST", "/books/1/images"}, wrong_key);
    CHECK(unauthorised.exit_code == 1);
    auto status401 = json::parse(unauthorised.out);
    CHECK(status401["upload_status"] == "cancelled");
    CHECK(status401["error"]["http_status"] == 401);
    CHECK(unauthorised.err.find("HTTP 401") != std::string::npos);
    CHECK(unauthorised.err.find("refused the key from BMX_API_KEY") != std::string::npos);

    auto missing = run_bmx({"upload", "999", (dir / "small.jpg").string()}, with_key(server.base_url()));
    CHECK(missing.exit_code == 1);
    auto status404 = json::parse(missing.out)[0];
    CHECK(status404["upload_status"] == "cancelled");
    CHECK(status404["error"]["http_status"] == 404);
    CHECK(missing.err.find("reading book 999's images before the upload: HTTP 404 Not Found: Book not found") != std::string::npos);

    auto too_large = run_bmx({"upload", "1", (dir / "large.png").string()}, with_key(server.base_url()));
    CHECK(too_large.exit_code == 1);
    auto status413 = json::parse(too_large.out)[0];
    CHECK(status413["http_status"] == 413);
    std::string message = status413["error"]["message"];
    CHECK(message.find("refused the request as too large") != std::string::npos);
    CHECK(message.find("it was " + std::to_string(status413["request_bytes"].get<long>()) + " bytes") != std::string::npos);
    CHECK(message.find("the file is " + std::to_string(status413["bytes"].get<long>()) + " bytes") != std::string::npos);
    CHECK(message.find("--fit") == std::string::npos);  // the way out is the batch's note, said once
    CHECK(too_large.err.find("1 file was refused as too large (HTTP 413)") != std::string::npos);
    CHECK(too_large.err.find("--fit") != std::string::npos);
    CHECK(status413["attempts"] == 1);  // final: never retried
    CHECK(image_posts(server).size() == 1);  // the refused key and the missing book sent no photo
}

TEST_CASE("local failures only: exit 2 and nothing is sent") {
    DevServer server;
    TempDir dir;
    write_file(dir / "empty.jpg", "");
    write_file(dir / "text.jpg", "just some words, not a photograph\n");
    auto result = run_bmx({"upload", "1", (dir / "empty.jpg").string(), (dir / "text.jpg").string(),
                           (dir / "missing.jpg").string()},
                          with_key(server.base_url()));
    CHECK(result.exit_code == 2);
    auto statuses = json::parse(result.out);
    REQUIRE(statuses.size() == 3);
    for (const json& status : statuses) CHECK(status["upload_status"] == "failed");
    CHECK(statuses[2]["error"]["stage"] == "read");
    CHECK(statuses[2]["error"]["message"].get<std::string>().find("no such file") != std::string::npos);
    CHECK(server.requests().empty());
}

TEST_CASE("--dry-run thumbnails and describes every request but sends nothing" * doctest::test_suite("tsan")) {
    DevServer server;
    TempDir dir;
    write_file(dir / "a.jpg", make_image_bytes("jpeg", 800, 600, 1));
    write_file(dir / "b.png", make_image_bytes("png", 100, 100, 2));
    auto result = run_bmx({"upload", "1", dir.path().string(), "--dry-run", "--thumb-dir", (dir / "thumbs").string()},
                          with_key(server.base_url()));
    CHECK(result.exit_code == 0);
    auto statuses = json::parse(result.out);
    REQUIRE(statuses.size() == 2);
    CHECK(statuses[0]["upload_status"] == "would_upload");
    CHECK(statuses[0]["would_send"]["method"] == "POST");
    CHECK(statuses[0]["would_send"]["url"] == server.base_url() + "/books/1/images");
    CHECK(statuses[0]["would_send"]["api_key"] == "sent (redacted)");
    CHECK(std::filesystem::exists(dir / "thumbs" / "a.thumb.jpg"));
    CHECK(statuses[0]["local_thumbnail"]["path"] == (dir / "thumbs" / "a.thumb.jpg").string());
    CHECK(server.requests().empty());
    CHECK_FALSE(contains_key(result.out));
}

TEST_CASE("a directory contributes its images sorted by name and notes what it left out" * doctest::test_suite("tsan")) {
    DevServer server;
    TempDir dir;
    // Written out of order, so neither creation order nor a lucky directory order passes for sorting.
    for (const char* name : {"c.jpg", "a.jpg", "d.jpg", "b.jpg"})
        write_file(dir / name, make_image_bytes("jpeg", 50, 50, name[0]));
    write_file(dir / "notes.txt", "not a photo");
    auto result = run_bmx({"upload", "1", dir.path().string()}, with_key(server.base_url()));
    CHECK(result.exit_code == 0);
    CHECK(result.err.find("left out 1 entry that is not an image file by name: notes.txt") != std::string::npos);
    auto statuses = json::parse(result.out);  // an array in input order
    std::vector<std::string> files;
    for (const json& status : statuses) files.push_back(status["file"]);
    CHECK(files == std::vector<std::string>{(dir / "a.jpg").string(), (dir / "b.jpg").string(), (dir / "c.jpg").string(),
                                            (dir / "d.jpg").string()});
}

TEST_CASE("Ctrl-C mid-batch ends with every file in a final status and exit 130" * doctest::test_suite("tsan")) {
    DevServer server({"--latency-ms", "800"});
    TempDir dir;
    std::vector<std::string> args{"upload", "1", "--parallel", "2", "--ndjson"};
    for (int i = 0; i < 10; ++i) {
        auto name = fmt::format("p{:02}.jpg", i);
        write_file(dir / name, make_image_bytes("jpeg", 64, 64, 100 + i));
        args.push_back((dir / name).string());
    }
    auto options = with_key(server.base_url());
    // Ctrl-C once the server has stored the first file: at 800 ms an answer and 2 at a time, most
    // are still to go. (Stored files' lines come only after the order is read back, so the event
    // is taken from the server.)
    options.signal_when = [&server](const CommandResult&) {
        for (const json& request : server.requests())
            if (request["method"] == "POST" && request["status"] == 201) return true;
        return false;
    };
    auto result = run_bmx(args, options);
    CHECK(result.exit_code == 130);
    std::vector<json> statuses;
    for (const std::string& line : lines_of(result.out)) statuses.push_back(json::parse(line));
    REQUIRE(statuses.size() == 10);
    std::size_t uploaded = 0, cancelled = 0;
    for (const json& status : statuses) {
        std::string state = status["upload_status"];
        CHECK((state == "uploaded" || state == "cancelled"));
        uploaded += state == "uploaded";
        cancelled += state == "cancelled";
        if (state == "cancelled") CHECK(status["error"]["stage"] == "cancelled");
    }
    CHECK(uploaded >= 1);
    CHECK(cancelled >= 1);
    // Everything the server stored is reported as uploaded, and nothing more.
    CHECK(stored_hashes(server, "1").size() == uploaded);
}

TEST_CASE("request-only options given to upload, --image or thumbnail exit 2 and send nothing, never silently ignored" * doctest::test_suite("tsan")) {
    DevServer server;
    TempDir dir;
    write_file(dir / "a.jpg", make_image_bytes("jpeg", 64, 64, 1));
    // Refused because it was given, though 1 s is the value it would have anyway.
    auto upload = run_bmx({"upload", "1", (dir / "a.jpg").string(), "--retry-delay", "1"}, with_key(server.base_url()));
    CHECK(upload.exit_code == 2);
    CHECK(upload.err == "bmx-api: error: --retry-delay does not apply to upload\n");
    auto image = run_bmx({"--jq", ".id", "--image", (dir / "a.jpg").string(), "POST", "/books/1/images"}, with_key(server.base_url()));
    CHECK(image.exit_code == 2);
    CHECK(image.err.find("--jq does not apply to --image uploads") != std::string::npos);
    auto thumbnail = run_bmx({"thumbnail", (dir / "a.jpg").string(), "--out", dir.path().string(), "--timing"});
    CHECK(thumbnail.exit_code == 2);
    CHECK(server.requests().empty());
    CHECK_FALSE(std::filesystem::exists(dir / "a.thumb.jpg"));
}
