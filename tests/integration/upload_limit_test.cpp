// The request-size limit and --fit against a dev server that refuses large requests as the
// hosted API's gateway does (413 before the application sees them).
#include <doctest/doctest.h>

#include <filesystem>
#include <random>

#include <fmt/format.h>

#include <httplib.h>

#include "harness.hpp"
#include "support/image_fixtures.hpp"

using namespace bmx::testing;
using nlohmann::json;

namespace {

// The hosted API's figure (upload_limit.hpp), on both sides.
const std::string hosted_limit = "4669440";

// A 12-MP camera JPEG of several MB: a gradient with noise in every channel, stored landscape with
// a red block in its stored top-left corner, and EXIF orientation 6 (shown rotated 90 degrees
// clockwise, so upright the block is top-right and the photo is portrait).
Bytes camera_jpeg() {
    TestImage image{4000, 3000, 3, Bytes(std::size_t{4000} * 3000 * 3)};
    std::mt19937 random(12345);
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x) {
            unsigned char* pixel = image.at(x, y);
            int noise = static_cast<int>(random() % 48);
            pixel[0] = static_cast<unsigned char>(std::min(255, x * 200 / 4000 + noise));
            pixel[1] = static_cast<unsigned char>(std::min(255, y * 200 / 3000 + noise / 2));
            pixel[2] = static_cast<unsigned char>(std::min(255, 40 + static_cast<int>(random() % 64)));
        }
    image.fill_rect(0, 0, 600, 600, red);
    return with_segment_after_soi(encode_jpeg(image, 95), exif_app1(6));
}

std::vector<json> image_posts_to(const ServerProcess& server) {
    std::vector<json> posts;
    for (const json& request : server.requests_to("/api/v1/books/1/images"))
        if (request["method"] == "POST") posts.push_back(request);
    return posts;
}

// The stored bytes, from the dev server's CDN route.
std::string stored_bytes(const ServerProcess& server, long long image_id) {
    httplib::Client client(server.origin());
    auto answer = client.Get("/images/1/" + std::to_string(image_id) + ".jpg");
    REQUIRE(answer);
    REQUIRE(answer->status == 200);
    return answer->body;
}

}  // namespace

TEST_CASE("a camera-sized JPEG whose request is over the limit is refused locally and nothing is sent") {
    DevServer server({"--max-upload-bytes", hosted_limit});
    TempDir dir;
    Bytes photo = camera_jpeg();
    REQUIRE(photo.size() > std::size_t{4669440});
    REQUIRE(photo.size() < std::size_t{9} << 20);
    write_bytes(dir / "IMG_0001.JPG", photo);

    for (bool from_variable : {false, true}) {
        CAPTURE(from_variable);
        RunOptions options = with_key(server);
        std::vector<std::string> args{"upload", "1", (dir / "IMG_0001.JPG").string()};
        if (from_variable)
            options.env["BMX_MAX_UPLOAD_BYTES"] = hosted_limit;
        else
            args.insert(args.begin() + 1, {"--max-upload-bytes", hosted_limit});
        auto result = run_bmx(args, options);
        CHECK(result.exit_code == 2);
        auto status = json::parse(result.out)[0];
        CHECK(status["upload_status"] == "failed");
        CHECK(status["error"]["stage"] == "limits");
        long long request_bytes = status["request_bytes"].get<long long>();
        CHECK(request_bytes > static_cast<long long>(photo.size()));  // the framing and the thumbnail part count too
        std::string message = status["error"]["message"];
        CHECK(contains(message, fmt::format("its upload request would be {} bytes", request_bytes)));
        CHECK(contains(message, fmt::format("the file is {} bytes", photo.size())));
        CHECK(contains(message, "over the 4669440 bytes"));
        CHECK(contains(message, from_variable ? "(BMX_MAX_UPLOAD_BYTES)" : "(--max-upload-bytes)"));
        CHECK_FALSE(contains(message, "--fit"));  // the way out is the batch's note, said once
        CHECK(contains(result.err, "bmx-api: 1 file was not sent: its upload request is over the 4669440 bytes"));
        CHECK(contains(result.err, "--fit re-encodes the upload copy"));
    }
    CHECK(image_posts_to(server).empty());
    CHECK(server.requests_to("/api/v1/books").empty());  // not even the image list: no file was ready to go
}

TEST_CASE("--fit stores an upright copy under the limit, the sizes are exact, and a re-run is a duplicate") {
    DevServer server({"--max-upload-bytes", hosted_limit});
    TempDir dir;
    Bytes photo = camera_jpeg();
    write_bytes(dir / "IMG_0002.JPG", photo);
    const std::vector<std::string> args{"upload", "--fit", "--max-upload-bytes", hosted_limit, "1",
                                        (dir / "IMG_0002.JPG").string()};

    auto first = run_bmx(args, with_key(server));
    CHECK(first.exit_code == 0);
    auto status = json::parse(first.out)[0];
    CHECK(status["upload_status"] == "uploaded");
    const json& fitted = status["fitted"];
    REQUIRE(fitted.is_object());
    CHECK(fitted["from_bytes"] == photo.size());
    CHECK(fitted["to_bytes"] == status["bytes"]);
    CHECK(fitted["quality"].get<int>() >= 90);
    CHECK(status["request_bytes"].get<long long>() <= 4669440);

    // What the server received and holds: one request of exactly the size counted, the fitted bytes.
    auto posts = image_posts_to(server);
    REQUIRE(posts.size() == 1);
    CHECK(posts[0]["status"] == 201);
    CHECK(posts[0]["body_bytes"] == status["request_bytes"]);
    json stored = server.images()["1"];
    REQUIRE(stored.size() == 1);
    CHECK(stored[0]["sha256"] == status["sha256"]);
    CHECK(stored[0]["size"] == fitted["to_bytes"]);
    CHECK(stored[0]["filename"] == "IMG_0002.JPG");

    // Upright: portrait, as reported, with the block that was stored top-left now top-right.
    std::string bytes = stored_bytes(server, status["id"].get<long long>());
    CHECK(bytes.size() == fitted["to_bytes"].get<std::size_t>());
    TestImage upright = decode_jpeg_rgb(std::span(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size()));
    CHECK(upright.width == fitted["width"].get<int>());
    CHECK(upright.height == fitted["height"].get<int>());
    CHECK(upright.height > upright.width);
    CHECK(classify(upright, upright.width - 20, 20) == Colour::red);
    CHECK(classify(upright, 20, 20) != Colour::red);

    // The same file and options give the same bytes: the server recognises them (no record here).
    auto again = run_bmx(args, with_key(server));
    CHECK(again.exit_code == 0);
    auto repeat = json::parse(again.out)[0];
    CHECK(repeat["upload_status"] == "duplicate");
    CHECK(repeat["sha256"] == status["sha256"]);
    CHECK(repeat["id"] == status["id"]);
    CHECK(image_posts_to(server).size() == 2);
    CHECK(server.images()["1"].size() == 1);

    // The file on disk is untouched.
    CHECK(std::filesystem::file_size(dir / "IMG_0002.JPG") == photo.size());
}

TEST_CASE("the counted request size is what the server receives, for files that fit") {
    DevServer server;
    TempDir dir;
    write_file(dir / "a.png", make_image_bytes("png", 300, 200, 1));
    write_file(dir / "b \"quoted\".jpg", make_image_bytes("jpeg", 640, 480, 2));
    auto result = run_bmx({"upload", "--no-reorder", "1", (dir / "a.png").string(), (dir / "b \"quoted\".jpg").string()},
                          with_key(server));
    REQUIRE(result.exit_code == 0);
    auto statuses = json::parse(result.out);
    auto posts = image_posts_to(server);
    REQUIRE(posts.size() == 2);
    for (const json& status : statuses) {
        bool matched = false;
        for (const json& post : posts)
            for (const json& part : post["parts"])
                if (part["name"] == "file" && part["sha256"] == status["sha256"]) {
                    matched = true;
                    CHECK(post["body_bytes"] == status["request_bytes"]);
                }
        CHECK(matched);
        CHECK(status["fitted"].is_null());
    }
}

TEST_CASE("--fit without a limit in force says so and re-encodes nothing") {
    DevServer server;
    TempDir dir;
    std::string jpeg = make_image_bytes("jpeg", 640, 480, 3);
    write_file(dir / "a.jpg", jpeg);
    auto result = run_bmx({"upload", "--fit", "1", (dir / "a.jpg").string()}, with_key(server));
    CHECK(result.exit_code == 0);
    CHECK(contains(result.err, "--fit: no request-size limit applies to"));
    auto status = json::parse(result.out)[0];
    CHECK(status["fitted"].is_null());
    CHECK(status["bytes"] == jpeg.size());
}

TEST_CASE("a bad BMX_MAX_UPLOAD_BYTES is a usage error before anything is sent") {
    DevServer server;
    TempDir dir;
    write_file(dir / "a.jpg", make_image_bytes("jpeg", 64, 64, 1));
    RunOptions options = with_key(server);
    options.env["BMX_MAX_UPLOAD_BYTES"] = "4.5MB";
    auto result = run_bmx({"upload", "1", (dir / "a.jpg").string()}, options);
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "bmx-api: error: BMX_MAX_UPLOAD_BYTES must be a whole number of bytes"));
    CHECK(server.requests().empty());
}

TEST_CASE("--fit gives the same bytes for the same photo under another name, and says when nothing can fit") {
    TempDir dir;
    std::string png = make_image_bytes("png", 900, 700, 4);
    write_file(dir / "a.png", png);
    write_file(dir / "a-much-longer-name-for-the-very-same-photograph.png", png);
    auto result = run_bmx({"upload", "--dry-run", "--fit", "--max-upload-bytes", "60000", "1", (dir / "a.png").string(),
                           (dir / "a-much-longer-name-for-the-very-same-photograph.png").string()});
    CHECK(result.exit_code == 0);
    auto statuses = json::parse(result.out);
    REQUIRE(statuses.size() == 2);
    REQUIRE(statuses[0]["fitted"].is_object());
    CHECK(statuses[0]["request_bytes"].get<long long>() <= 60000);
    CHECK(statuses[0]["sha256"] == statuses[1]["sha256"]);  // the second is the first's copy: same content...
    auto renamed = run_bmx({"upload", "--dry-run", "--fit", "--max-upload-bytes", "60000", "1",
                            (dir / "a-much-longer-name-for-the-very-same-photograph.png").string()});
    CHECK(json::parse(renamed.out)[0]["sha256"] == statuses[0]["sha256"]);  // ...and fitted alone, the same bytes

    auto hopeless = run_bmx({"upload", "--dry-run", "--fit", "--max-upload-bytes", "3000", "1", (dir / "a.png").string()});
    CHECK(hopeless.exit_code == 2);
    std::string message = json::parse(hopeless.out)[0]["error"]["message"];
    CHECK(contains(message, "even without the photo"));
    CHECK(contains(message, "no re-encoding can fit it"));
}

TEST_CASE("a 413 from a server that takes less than bmx-api's limit says to lower the limit and fit") {
    DevServer server({"--max-upload-bytes", "150000"});
    TempDir dir;
    write_file(dir / "a.png", make_image_bytes("png", 400, 400, 2));
    auto result = run_bmx({"upload", "--fit", "--max-upload-bytes", "4669440", "1", (dir / "a.png").string()},
                          with_key(server));
    CHECK(result.exit_code == 1);
    auto status = json::parse(result.out)[0];
    CHECK(status["http_status"] == 413);
    CHECK(status["attempts"] == 1);
    std::string message = status["error"]["message"];
    CHECK(contains(message, "bmx-api's limit was 4669440 bytes"));
    CHECK(contains(message, fmt::format("too large: it was {} bytes", status["request_bytes"].get<long long>())));
    CHECK(contains(result.err, fmt::format("bmx-api: 1 file was refused as too large (HTTP 413): this server takes less "
                                           "than bmx-api's limit; set --max-upload-bytes below {} and add --fit",
                                           status["request_bytes"].get<long long>())));
    CHECK(image_posts_to(server).size() == 1);
}
