// The small things a new user tripped on (issue 14): dotfiles, --max-megapixels, thumbnail DIR,
// help and "did you mean", 404 and 401 wording, --timeout 0, -v/-i on uploads, --image with a
// body, and --prod with an exported BMX_BASE_URL.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "harness.hpp"

using namespace bmx::testing;
using nlohmann::json;

namespace {

std::vector<std::string> stored_filenames(const DevServer& server, const std::string& book) {
    std::vector<std::string> names;
    json images = server.images();
    if (!images.contains(book)) return names;
    for (const json& image : images[book]) names.push_back(image["filename"]);
    return names;
}

std::size_t count_of(const std::string& text, const std::string& part) {
    std::size_t count = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++count;
    return count;
}

// Every line bmx-api wrote to stderr starts with "bmx-api: error: ", and there is at least one.
bool only_prefixed_errors(const std::string& err) {
    auto lines = lines_of(err);
    return !lines.empty() &&
           std::all_of(lines.begin(), lines.end(), [](const std::string& line) { return line.rfind("bmx-api: error: ", 0) == 0; });
}

}  // namespace

// ---- 1. dotfiles

TEST_CASE("a directory scan skips dotfiles and says so, and a dotfile named on its own is still sent") {
    DevServer server;
    TempDir dir;
    write_file(dir / "photos" / "a.jpg", make_image_bytes("jpeg", 80, 60, 1));
    // A macOS AppleDouble copy with a photo's extension and image bytes, and a Finder file.
    write_file(dir / "photos" / "._a.jpg", make_image_bytes("jpeg", 80, 60, 2));
    write_file(dir / "photos" / ".DS_Store", "Bud1 finder data");
    auto scanned = run_bmx({"upload", "1", (dir / "photos").string()}, with_key(server));
    CHECK(scanned.exit_code == 0);
    CHECK(contains(scanned.err, "bmx-api: " + (dir / "photos").string() +
                                    ": skipped 2 hidden files (names starting with '.'): .DS_Store, ._a.jpg\n"));
    auto statuses = json::parse(scanned.out);
    REQUIRE(statuses.size() == 1);
    CHECK(statuses[0]["file"] == (dir / "photos" / "a.jpg").string());
    CHECK(stored_filenames(server, "1") == std::vector<std::string>{"a.jpg"});

    auto named = run_bmx({"upload", "1", (dir / "photos" / "._a.jpg").string()}, with_key(server));
    CHECK(named.exit_code == 0);
    CHECK_FALSE(contains(named.err, "hidden"));
    CHECK(stored_filenames(server, "1") == std::vector<std::string>{"a.jpg", "._a.jpg"});
    CHECK_FALSE(leaks_key(scanned));
}

// ---- 2. upload --max-megapixels

TEST_CASE("upload --max-megapixels refuses a larger image from its header and sends nothing, as thumbnail does") {
    DevServer server;
    TempDir dir;
    write_file(dir / "wide.jpg", make_image_bytes("jpeg", 400, 300, 3));  // 0.12 MP
    auto refused = run_bmx({"upload", "1", (dir / "wide.jpg").string(), "--max-megapixels", "0.1"}, with_key(server));
    CHECK(refused.exit_code == 2);
    auto statuses = json::parse(refused.out);
    REQUIRE(statuses.size() == 1);
    CHECK(statuses[0]["upload_status"] == "failed");
    CHECK(statuses[0]["error"]["stage"] == "limits");
    CHECK(server.requests().empty());

    auto thumbnail = run_bmx({"thumbnail", (dir / "wide.jpg").string(), "--out", (dir / "t").string(), "--max-megapixels", "0.1"});
    CHECK(thumbnail.exit_code == 2);
    CHECK(json::parse(thumbnail.out)[0]["error"]["stage"] == "limits");

    auto allowed = run_bmx({"upload", "1", (dir / "wide.jpg").string(), "--max-megapixels", "0.2"}, with_key(server));
    CHECK(allowed.exit_code == 0);
    CHECK(json::parse(allowed.out)[0]["upload_status"] == "uploaded");
    CHECK(stored_filenames(server, "1") == std::vector<std::string>{"wide.jpg"});

    // The same validation on both commands.
    auto upload_zero = run_bmx({"upload", "1", (dir / "wide.jpg").string(), "--max-megapixels", "0"}, with_key(server));
    auto thumbnail_zero = run_bmx({"thumbnail", (dir / "wide.jpg").string(), "--max-megapixels", "0"});
    CHECK(upload_zero.exit_code == 2);
    CHECK(thumbnail_zero.exit_code == 2);
    CHECK(contains(upload_zero.err, "bmx-api: error: --max-megapixels"));
    CHECK(upload_zero.err == thumbnail_zero.err);
}

// ---- 3. thumbnail DIR, and one format spelling

TEST_CASE("thumbnail takes a directory as upload does, dotfiles skipped, and spells formats as upload does") {
    DevServer server;
    TempDir dir;
    write_file(dir / "in" / "b.png", make_image_bytes("png", 120, 90, 4));
    write_file(dir / "in" / "a.jpg", make_image_bytes("jpeg", 120, 90, 5));
    write_file(dir / "in" / "._a.jpg", make_image_bytes("jpeg", 120, 90, 6));
    write_file(dir / "in" / "notes.txt", "not a photo");
    auto made = run_bmx({"thumbnail", (dir / "in").string(), "--out", (dir / "out").string()});
    CHECK(made.exit_code == 0);
    CHECK(contains(made.err, "skipped 1 hidden file (names starting with '.'): ._a.jpg"));
    CHECK(contains(made.err, "left out 1 entry"));
    auto statuses = json::parse(made.out);
    REQUIRE(statuses.size() == 2);
    CHECK(statuses[0]["file"] == (dir / "in" / "a.jpg").string());
    CHECK(statuses[1]["file"] == (dir / "in" / "b.png").string());
    CHECK(statuses[0]["format"] == "jpeg");
    CHECK(statuses[1]["format"] == "png");
    CHECK(std::filesystem::exists(dir / "out" / "a.thumb.jpg"));
    CHECK(std::filesystem::exists(dir / "out" / "b.thumb.jpg"));
    CHECK_FALSE(std::filesystem::exists(dir / "out" / "._a.thumb.jpg"));

    auto uploaded = run_bmx({"upload", "1", (dir / "in").string(), "--dry-run"}, with_key(server));
    CHECK(uploaded.exit_code == 0);
    auto upload_statuses = json::parse(uploaded.out);
    REQUIRE(upload_statuses.size() == 2);
    CHECK(upload_statuses[0]["format"] == statuses[0]["format"]);
    CHECK(upload_statuses[1]["format"] == statuses[1]["format"]);

    TempDir empty;
    auto nothing = run_bmx({"thumbnail", empty.path().string()});
    CHECK(nothing.exit_code == 2);
    CHECK(contains(nothing.err, "bmx-api: error: no files to make thumbnails of"));
}

// ---- 4. help, "did you mean", one error prefix

TEST_CASE("help and help COMMAND print what --help prints, on stdout, exit 0") {
    auto help = run_bmx({"help"});
    auto dash_help = run_bmx({"--help"});
    CHECK(help.exit_code == 0);
    CHECK(contains(help.out, "upload BOOK_ID PATH..."));
    CHECK(help.out == dash_help.out);
    CHECK(help.err.empty());
    for (const char* command : {"upload", "thumbnail", "verify", "config", "completion"}) {
        CAPTURE(command);
        auto topic = run_bmx({"help", command});
        auto flag = run_bmx({command, "--help"});
        CHECK(topic.exit_code == 0);
        CHECK(contains(topic.out, std::string("bmx-api ") + command));
        CHECK(topic.out == flag.out);
        CHECK(topic.out != help.out);
    }
    auto method = run_bmx({"help", "GET"});  // requests are the program's own form
    CHECK(method.exit_code == 0);
    CHECK(method.out == help.out);
}

TEST_CASE("help with an unknown command is an argument error, with did you mean when one is near") {
    auto nosuch = run_bmx({"help", "nosuch"});
    CHECK(nosuch.exit_code == 2);
    CHECK(nosuch.out.empty());
    CHECK(contains(nosuch.err, "bmx-api: error: help: unknown command or method 'nosuch'"));
    auto near = run_bmx({"help", "uplod"});
    CHECK(near.exit_code == 2);
    CHECK(near.err == "bmx-api: error: help: unknown command 'uplod'; did you mean 'upload'?\n");
}

TEST_CASE("a mistyped command or method gets did you mean, exit 2, and nothing is sent") {
    DevServer server;
    struct Typo {
        std::vector<std::string> args;
        std::string message;
    };
    const std::vector<Typo> typos{
        {{"uplod", "1", "photo.jpg"}, "unknown command 'uplod'; did you mean 'upload'?"},
        {{"thumbnial", "photo.jpg"}, "unknown command 'thumbnial'; did you mean 'thumbnail'?"},
        {{"verfy"}, "unknown command 'verfy'; did you mean 'verify'?"},
        {{"uplod", "1", "photo.jpg", "--parallel", "2"}, "unknown command 'uplod'; did you mean 'upload'?"},
        {{"GTE", "/books"}, "unknown method 'GTE'; did you mean 'GET'?"},
        {{"delet", "/books/1"}, "unknown method 'delet'; did you mean 'DELETE'?"},
    };
    for (const Typo& typo : typos) {
        CAPTURE(typo.message);
        auto result = run_bmx(typo.args, with_key(server));
        CHECK(result.exit_code == 2);
        CHECK(result.err == "bmx-api: error: " + typo.message + "\n");
    }
    // Nothing near: a word before a path is a method; otherwise it may be either.
    auto far_method = run_bmx({"frobnicate", "/books"}, with_key(server));
    CHECK(far_method.exit_code == 2);
    CHECK(far_method.err == "bmx-api: error: unknown method 'frobnicate': use GET, POST, PUT, PATCH, DELETE or HEAD\n");
    auto far = run_bmx({"frobnicate", "books"}, with_key(server));
    CHECK(far.exit_code == 2);
    CHECK(contains(far.err, "bmx-api: error: unknown command or method 'frobnicate': the first word is a command (config, "
                            "thumbnail, upload, download, verify, completion, help) or a request's method (GET, POST, PUT, PATCH, DELETE, HEAD)"));
    CHECK(server.requests().empty());
}

TEST_CASE("every argument error from the parser has the bmx-api: error: prefix and exits 2") {
    DevServer server;
    const std::vector<std::vector<std::string>> wrong{
        {"upload", "1", "photo.jpg", "--parallel", "0"},
        {"--bogus", "GET", "/books"},
        {"upload"},
        {"GET"},
        {"completion", "tcsh"},
        {"--timeout", "soon", "GET", "/books"},
    };
    for (const auto& args : wrong) {
        CAPTURE(args.front());
        auto result = run_bmx(args, with_key(server));
        CHECK(result.exit_code == 2);
        CHECK(only_prefixed_errors(result.err));
        CHECK_FALSE(contains(result.err, "Run with --help"));
    }
    CHECK(server.requests().empty());
}

// ---- 5. 404 wording

TEST_CASE("a 404 for an unknown route says route not found, and a 404 with the server's words quotes them") {
    DevServer server;
    auto route = run_bmx({"POST", "/books/1/nosuch", "{}"}, with_key(server));
    CHECK(route.exit_code == 1);
    CHECK(contains(route.err, "bmx-api: error: HTTP 404 Not Found: route not found: check the path and the base URL (" +
                                  server.base_url() + "/books/1/nosuch)"));
    CHECK_FALSE(contains(route.err, "Book not found"));

    auto no_prefix = run_bmx({"GET", "/books"}, with_key(server.origin()));  // the base URL without /api/v1
    CHECK(no_prefix.exit_code == 1);
    CHECK(contains(no_prefix.err, "route not found: check the path and the base URL (" + server.origin() + "/books)"));

    auto book = run_bmx({"GET", "/books/999"}, with_key(server));
    CHECK(book.exit_code == 1);
    CHECK(contains(book.err, "bmx-api: error: HTTP 404 Not Found: Book not found\n"));
    CHECK_FALSE(contains(book.err, "route"));

    TempDir dir;
    write_file(dir / "a.jpg", make_image_bytes("jpeg", 60, 40, 7));
    // --image takes only a book's images route: a mistyped one is refused before it is sent.
    auto upload = run_bmx({"--image", (dir / "a.jpg").string(), "POST", "/book/1/images"}, with_key(server));
    CHECK(upload.exit_code == 2);
    CHECK(contains(upload.err, "--image uploads to a book's images: POST /books/ID/images"));
    CHECK(server.requests_to("/api/v1/book/1/images").empty());
}

// ---- 6. 401 after a cross-origin redirect

TEST_CASE("a 401 from the origin a request was redirected to says the key was not sent there") {
    DevServer other({}, "127.0.0.2");
    DevServer api({"--redirect", "/api/v1/books/1/elsewhere=" + other.origin() + "/api/v1/books/1",
                   "--redirect", "/api/v1/books/1/images=" + other.origin() + "/api/v1/books/1/images"});
    auto get = run_bmx({"GET", "/books/1/elsewhere"}, with_key(api));
    CHECK(get.exit_code == 1);
    CHECK(contains(get.err, "bmx-api: error: HTTP 401 Unauthorized from " + other.origin() +
                                ", which the request was redirected to; the API key is not sent to another origin"));
    CHECK_FALSE(contains(get.err, "refused the key"));
    auto other_saw = other.requests_to("/api/v1/books/1");
    REQUIRE(other_saw.size() == 1);
    CHECK_FALSE(other_saw[0]["headers"].contains("x-api-key"));

    TempDir dir;
    write_file(dir / "a.jpg", make_image_bytes("jpeg", 60, 40, 8));
    auto upload = run_bmx({"--image", (dir / "a.jpg").string(), "POST", "/books/1/images"}, with_key(api));
    CHECK(upload.exit_code == 1);
    CHECK(contains(upload.err, "HTTP 401 Unauthorized from " + other.origin() + ", which the request was redirected to"));
    CHECK_FALSE(contains(upload.err, "refused the key"));
    auto uploads_seen = other.requests_to("/api/v1/books/1/images");  // the list read, redirected
    REQUIRE_FALSE(uploads_seen.empty());
    for (const auto& seen : uploads_seen) CHECK_FALSE(seen["headers"].contains("x-api-key"));

    // The API's own 401 still blames the key, and names where it came from.
    RunOptions wrong_key = with_key(api);
    wrong_key.env["BMX_API_KEY"] = "tk_wrong_key_0000000000";
    auto own = run_bmx({"GET", "/books/2/images"}, wrong_key);
    CHECK(own.exit_code == 1);
    CHECK(contains(own.err, "refused the key from BMX_API_KEY"));
    CHECK_FALSE(contains(own.err, "redirected"));
    CHECK_FALSE(leaks_key(get));
    CHECK_FALSE(leaks_key(upload));
}

// ---- 7. --timeout 0

TEST_CASE("--timeout 0 is refused with a message that says what is allowed, and verify --wait-timeout 0 polls once") {
    DevServer server;
    auto zero = run_bmx({"--timeout", "0", "GET", "/books"}, with_key(server));
    CHECK(zero.exit_code == 2);
    CHECK(zero.err == "bmx-api: error: --timeout 0: a timeout must be more than 0 and at most 86400 seconds; 0 does not "
                      "mean no timeout, every request is bounded\n");
    auto too_long = run_bmx({"--timeout", "86401", "GET", "/books"}, with_key(server));
    CHECK(too_long.exit_code == 2);
    CHECK(contains(too_long.err, "--timeout 86401: a timeout must be more than 0 and at most 86400 seconds"));
    CHECK(server.requests().empty());

    auto once = run_bmx({"verify", "--wait-timeout", "0", "--checks", "version"}, with_key(server));
    CHECK(once.exit_code == 0);
    CHECK(server.requests_to("/api/v1/health/version").size() == 1);
}

// ---- 8. -v and -i on uploads

TEST_CASE("-v on an --image upload prints its request and status lines with the key redacted") {
    DevServer server;
    TempDir dir;
    write_file(dir / "a.jpg", make_image_bytes("jpeg", 60, 40, 9));
    auto result = run_bmx({"-v", "--image", (dir / "a.jpg").string(), "POST", "/books/1/images"}, with_key(server));
    CHECK(result.exit_code == 0);
    CHECK(contains(result.err, "* " + (dir / "a.jpg").string() + "\n> POST /api/v1/books/1/images HTTP/1.1\n"));
    CHECK(contains(result.err, "> X-API-Key: <redacted>\n"));
    CHECK(contains(result.err, "> Content-Type: multipart/form-data; boundary="));
    CHECK(contains(result.err, "< HTTP/1.1 201 Created\n"));
    CHECK(contains(result.err, "> GET /api/v1/books/1/images HTTP/1.1\n"));  // the batch's own image list
    CHECK_FALSE(leaks_key(result));
    CHECK(json::parse(result.out)["upload_status"] == "uploaded");
}

TEST_CASE("-i on upload prints each file's status line after its name, and no request lines") {
    DevServer server;
    TempDir dir;
    write_file(dir / "a.jpg", make_image_bytes("jpeg", 60, 40, 10));
    write_file(dir / "b.jpg", make_image_bytes("jpeg", 60, 40, 11));
    auto result = run_bmx({"upload", "1", (dir / "a.jpg").string(), (dir / "b.jpg").string(), "-i"}, with_key(server));
    CHECK(result.exit_code == 0);
    CHECK(count_of(result.err, "< HTTP/1.1 201 Created\n") == 2);
    for (const char* name : {"a.jpg", "b.jpg"})
        CHECK(contains(result.err, "* " + (dir / name).string() + "\n< HTTP/1.1 201 Created\n"));
    CHECK_FALSE(contains(result.err, "> POST"));
    CHECK_FALSE(leaks_key(result));
    CHECK(json::parse(result.out).size() == 2);
}

// ---- 9. --image with a body

TEST_CASE("--image with a BODY or --text-file is refused with exit 2 and nothing is sent") {
    DevServer server;
    TempDir dir;
    write_file(dir / "a.jpg", make_image_bytes("jpeg", 60, 40, 12));
    write_file(dir / "notes.md", "# notes\n");
    auto body = run_bmx({"--image", (dir / "a.jpg").string(), "POST", "/books/1/images", R"({"caption":"x"})"}, with_key(server));
    CHECK(body.exit_code == 2);
    CHECK(body.err == "bmx-api: error: a BODY argument cannot go with --image: the upload's body is the file, sent as multipart\n");
    auto text = run_bmx({"--image", (dir / "a.jpg").string(), "--text-file", (dir / "notes.md").string(), "POST", "/books/1/images"},
                        with_key(server));
    CHECK(text.exit_code == 2);
    CHECK(text.err == "bmx-api: error: --text-file cannot go with --image: the upload's body is the file, sent as multipart\n");
    CHECK(server.requests().empty());
}

// ---- 10. --prod and an exported BMX_BASE_URL

TEST_CASE("--prod with an exported BMX_BASE_URL warns that the production key goes there, and still sends") {
    DevServer server;
    auto warned = run_bmx({"--prod", "-i", "GET", "/books/1"}, with_key(server));
    CHECK(warned.exit_code == 0);
    CHECK(contains(warned.err, "bmx-api: warning: the production key goes to BMX_BASE_URL (" + server.base_url() +
                                   "), not to https://api.bluemoxon.com/api/v1"));
    auto seen = server.requests_to("/api/v1/books/1");
    REQUIRE(seen.size() == 1);
    CHECK(seen[0]["headers"]["x-api-key"] == test_key);

    // Without --prod, or with the URL given on the command line, there is nothing to warn about;
    // -i proves stderr was written to.
    auto staging = run_bmx({"-i", "GET", "/books/1"}, with_key(server));
    CHECK(staging.exit_code == 0);
    CHECK(contains(staging.err, "< HTTP/1.1 200 OK"));
    CHECK_FALSE(contains(staging.err, "warning"));
    RunOptions given = with_key(server);
    given.env.erase("BMX_BASE_URL");
    auto explicit_url = run_bmx({"--prod", "--base-url", server.base_url(), "-i", "GET", "/books/1"}, given);
    CHECK(explicit_url.exit_code == 0);
    CHECK(contains(explicit_url.err, "< HTTP/1.1 200 OK"));
    CHECK_FALSE(contains(explicit_url.err, "warning"));
    CHECK_FALSE(leaks_key(warned));
}

TEST_CASE("upload's own options given before the subcommand, or to another command, are refused, never ignored") {
    DevServer server;
    TempDir dir;
    write_file(dir / "a.jpg", make_image_bytes("jpeg", 64, 64, 1));
    const std::string file = (dir / "a.jpg").string();
    const std::vector<std::vector<std::string>> misplaced{
        {"--json", "upload", "1", file},
        {"--fit", "upload", "1", file},
        {"--resend", "upload", "1", file},
        {"--max-upload-bytes", "1000", "upload", "1", file},
        {"thumbnail", file, "--out", dir.path().string(), "--json"},
    };
    for (const auto& args : misplaced) {
        CAPTURE(args.front());
        auto result = run_bmx(args, with_key(server));
        CHECK(result.exit_code == 2);
        if (args.front() == "thumbnail") {
            CHECK(result.err.rfind("bmx-api: error: --type, --primary, --caption, --json, --max-upload-bytes, --fit and --resend", 0) == 0);
            CHECK(contains(result.err, "go after `upload`"));
        } else {
            CHECK(result.err == "bmx-api: error: " + args.front() + " is an option of 'upload': put it after 'upload'\n");
        }
    }
    CHECK(server.requests().empty());
    // In its place the same option works.
    auto placed = run_bmx({"upload", "--fit", "1", file}, with_key(server));
    CHECK(placed.exit_code == 0);
}
