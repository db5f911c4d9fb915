// A newcomer's first hour (issue 21): options that mean one thing, mistakes caught before
// anything is sent, and words that say what happened.
#include <doctest/doctest.h>

#include <fmt/format.h>

#include "harness.hpp"

using namespace bmx::testing;
using nlohmann::json;

namespace {

// A shoot folder of `count` photos named 01-photo.jpg, 02-photo.jpg, ...
void write_shoot(const TempDir& dir, const std::string& folder, int count) {
    std::filesystem::create_directories(dir / folder);
    for (int i = 1; i <= count; ++i)
        write_file(dir / folder / fmt::format("{:02}-photo.jpg", i), make_image_bytes("jpeg", 64, 48, 300 + i));
}

// Only what reached the API: the dev server's /_dev routes are the test's own.
std::vector<json> api_requests(const ServerProcess& server) { return server.requests_to("/api/v1/"); }

std::vector<json> image_posts(const ServerProcess& server) {
    std::vector<json> posts;
    for (const json& request : server.requests_to("/api/v1/books/"))
        if (request["method"] == "POST") posts.push_back(request);
    return posts;
}

}  // namespace

// ---- 1. --primary FILE with a space

TEST_CASE("upload DIR --primary DIR/FILE, with a space, is exit 2 naming both arguments and --primary=FILE, nothing sent") {
    DevServer server;
    TempDir dir;
    write_shoot(dir, "march shoot", 5);
    const std::string folder = (dir / "march shoot").string();
    const std::string title = (dir / "march shoot" / "04-photo.jpg").string();
    auto result = run_bmx({"upload", "5", folder, "--primary", title}, with_key(server));
    CHECK(result.exit_code == 2);
    CHECK(result.err == fmt::format("bmx-api: error: '{}' (as {}) and '{}' are the same file, given twice: give each file "
                                    "once; did you mean --primary={}?\n",
                                    folder, title, title, title));
    CHECK(result.out.empty());
    CHECK(api_requests(server).empty());

    // The '=' form makes that file the book's primary image, and nothing is given twice.
    auto meant = run_bmx({"upload", "5", folder, "--primary=" + title}, with_key(server));
    INFO(meant.err);
    CHECK(meant.exit_code == 0);
    auto book = server.book_images(5);
    REQUIRE(book.size() == 5);
    CHECK(book[0]["original_filename"] == "04-photo.jpg");
    CHECK(book[0]["is_primary"] == true);
    for (std::size_t i = 1; i < book.size(); ++i) CHECK(book[i]["is_primary"] == false);
}

TEST_CASE("the same file given twice by two spellings is exit 2 naming both, before anything is read or sent") {
    DevServer server;
    TempDir dir;
    write_file(dir / "a.jpg", make_image_bytes("jpeg", 64, 48, 1));
    write_file(dir / "b.jpg", make_image_bytes("jpeg", 64, 48, 2));
    RunOptions options = with_key(server);
    options.working_dir = dir.path();
    auto result = run_bmx({"upload", "7", "a.jpg", "b.jpg", "./a.jpg"}, options);
    CHECK(result.exit_code == 2);
    CHECK(result.err == "bmx-api: error: 'a.jpg' and './a.jpg' are the same file, given twice: give each file once\n");
    CHECK_FALSE(contains(result.err, "did you mean"));
    CHECK(api_requests(server).empty());
}

TEST_CASE("a bare --primary followed by an input that is not the first is exit 2 with did you mean --primary=FILE") {
    DevServer server;
    TempDir dir;
    write_file(dir / "a.jpg", make_image_bytes("jpeg", 64, 48, 1));
    write_file(dir / "b.jpg", make_image_bytes("jpeg", 64, 48, 2));
    const std::string a = (dir / "a.jpg").string(), b = (dir / "b.jpg").string();
    auto result = run_bmx({"upload", "7", a, "--primary", b}, with_key(server));
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, fmt::format("a bare --primary makes the first file ({}) primary, and '{}' after it is another "
                                           "input; did you mean --primary={}?",
                                           a, b, b)));
    CHECK(api_requests(server).empty());

    // Before the first input, or at the end, a bare --primary means the first file, as documented.
    auto first = run_bmx({"upload", "7", "--primary", a, b}, with_key(server));
    INFO(first.err);
    CHECK(first.exit_code == 0);
    auto book = server.book_images(7);
    REQUIRE(book.size() == 2);
    CHECK(book[0]["original_filename"] == "a.jpg");
    CHECK(book[0]["is_primary"] == true);
}

TEST_CASE("the usage line and upload --help show --primary=FILE") {
    auto help = run_bmx({"--help"});
    CHECK(help.exit_code == 0);
    CHECK(contains(help.out, "upload BOOK_ID PATH... [--primary=FILE]"));
    auto upload_help = run_bmx({"upload", "--help"});
    CHECK(upload_help.exit_code == 0);
    CHECK(contains(upload_help.out, "--primary=FILE (with '=')"));
}

// ---- 4. Mistakes caught before anything is sent

TEST_CASE("an option of upload or verify given before the command is exit 2 saying to put it after, nothing sent") {
    DevServer server;
    TempDir dir;
    write_shoot(dir, "shoot", 2);
    const std::string folder = (dir / "shoot").string();
    struct Case {
        std::vector<std::string> args;
        std::string message;
    };
    const std::vector<Case> cases{
        {{"--parallel", "3", "upload", "31", folder}, "--parallel is an option of 'upload': put it after 'upload'"},
        {{"--parallel=3", "upload", "31", folder}, "--parallel is an option of 'upload': put it after 'upload'"},
        {{"--json", "upload", "31", folder}, "--json is an option of 'upload': put it after 'upload'"},
        {{"--retry", "1", "upload", "31", folder}, "--retry is an option of 'upload': put it after 'upload'"},
        {{"--wait-timeout", "5", "verify"}, "--wait-timeout is an option of 'verify': put it after 'verify'"},
        {{"--ndjson", "thumbnail", folder}, "--ndjson is an option of 'thumbnail': put it after 'thumbnail'"},
    };
    for (const Case& c : cases) {
        auto result = run_bmx(c.args, with_key(server));
        INFO(fmt::format("{}", fmt::join(c.args, " ")));
        CHECK(result.exit_code == 2);
        CHECK(result.err == "bmx-api: error: " + c.message + "\n");
        CHECK(result.out.empty());
    }
    CHECK(api_requests(server).empty());

    // The global options, and the scripting options verify shares, still go before the command.
    auto global = run_bmx({"--timeout", "10", "--jq", ".ok", "verify", "--checks", "version"}, with_key(server));
    CHECK(global.exit_code == 0);
    CHECK(global.out == "true\n");
}

TEST_CASE("--image takes only POST /books/ID/images: any other path is exit 2 with the form, before the file is read") {
    DevServer server;
    TempDir dir;
    // A file that does not exist: reading it would fail with stage "read", not the usage error.
    const std::string missing = (dir / "not-there.jpg").string();
    // Not a structured binding: clang 14 (the sanitizer build) cannot capture one in INFO.
    for (const auto& request : std::vector<std::pair<std::string, std::string>>{
             {"POST", "/books/35"}, {"POST", "/books"}, {"PUT", "/books/35/images"}, {"POST", "/books/35/images/reorder"}}) {
        const std::string& method = request.first;
        const std::string& path = request.second;
        auto result = run_bmx({"--image", missing, method, path}, with_key(server));
        INFO((method + " " + path));
        CHECK(result.exit_code == 2);
        CHECK(result.err == fmt::format("bmx-api: error: --image uploads to a book's images: POST /books/ID/images (e.g. "
                                        "--image photo.jpg POST /books/123/images), not {} {}\n",
                                        method, path));
        CHECK(result.out.empty());
    }
    CHECK(api_requests(server).empty());
}

TEST_CASE("--thumb-dir or thumbnail --out naming an existing file is one error before any work") {
    DevServer server;
    TempDir dir;
    write_shoot(dir, "shoot", 4);
    write_file(dir / "thumbs", "I am a file");
    auto upload = run_bmx({"upload", "9", (dir / "shoot").string(), "--thumb-dir", (dir / "thumbs").string()}, with_key(server));
    CHECK(upload.exit_code == 2);
    CHECK(upload.err == fmt::format("bmx-api: error: --thumb-dir: {} is a file, not a directory: give a directory for the "
                                    "thumbnails\n",
                                    (dir / "thumbs").string()));
    CHECK(upload.out.empty());
    CHECK(api_requests(server).empty());

    auto below = run_bmx({"thumbnail", (dir / "shoot").string(), "--out", (dir / "thumbs" / "small").string()});
    CHECK(below.exit_code == 2);
    CHECK(below.err == fmt::format("bmx-api: error: --out: {} cannot be made: {} is a file, not a directory\n",
                                   (dir / "thumbs" / "small").string(), (dir / "thumbs").string()));
    CHECK(below.out.empty());
    CHECK(read_text_file(dir / "thumbs") == "I am a file");
}

// ---- 5. --paginate on an answer that is not a page

TEST_CASE("--paginate on an answer that is not a page prints the whole body on stdout and exits 6") {
    DevServer server;
    TempDir dir;
    write_shoot(dir, "shoot", 3);
    REQUIRE(run_bmx({"upload", "5", (dir / "shoot").string()}, with_key(server)).exit_code == 0);
    auto result = run_bmx({"GET", "/books/5/images", "--paginate"}, with_key(server));
    CHECK(result.exit_code == 6);
    CHECK(contains(result.err, "bmx-api: error: --paginate: expected a paginated answer"));
    REQUIRE_FALSE(result.out.empty());
    auto printed = json::parse(result.out);
    CHECK(printed == server.book_images(5));
    CHECK(printed.size() == 3);
}

// ---- 6. Options that mean one thing

TEST_CASE("upload --retry N is upload's retry count, an explicit 0 included, and --retries names it") {
    DevServer failing({"--fail-images", "1", "--fail-status", "503"});
    TempDir dir;
    write_file(dir / "a.jpg", make_image_bytes("jpeg", 64, 48, 1));
    const std::string a = (dir / "a.jpg").string();
    auto zero = run_bmx({"upload", "3", a, "--retry", "0"}, with_key(failing));
    CHECK(zero.exit_code == 1);
    CHECK(json::parse(zero.out)[0]["upload_status"] == "failed");
    CHECK(image_posts(failing).size() == 1);

    DevServer again({"--fail-images", "1", "--fail-status", "503"});
    auto default_retries = run_bmx({"upload", "3", a}, with_key(again));
    INFO(default_retries.err);
    CHECK(default_retries.exit_code == 0);
    CHECK(image_posts(again).size() == 2);
    CHECK(again.book_images(3).size() == 1);

    auto old = run_bmx({"upload", "3", a, "--retries", "2"}, with_key(again));
    CHECK(old.exit_code == 2);
    CHECK(old.err == "bmx-api: error: upload --retries is now --retry N (default 3), as for every command\n");
    CHECK(image_posts(again).size() == 2);
}

TEST_CASE("verify --wait-timeout bounds the poll, and verify --timeout names --wait-timeout") {
    DevServer server({"--version", "1.0.0"});
    auto old = run_bmx({"verify", "--timeout", "30", "--expect-version", "2.0.0"}, with_key(server));
    CHECK(old.exit_code == 2);
    CHECK(old.err == "bmx-api: error: verify --timeout is now --wait-timeout S (how long to poll for the version); "
                     "--timeout before 'verify' is the limit on each request, as everywhere\n");
    CHECK(api_requests(server).empty());

    auto polled = run_bmx({"verify", "--wait-timeout", "0.4", "--interval", "0.1", "--expect-version", "2.0.0", "--checks",
                           "version"},
                          with_key(server));
    CHECK(polled.exit_code == 1);
    CHECK(server.requests_to("/api/v1/health/version").size() >= 2);
}

TEST_CASE("options a command does not take are refused because they were given, whatever their value") {
    TempDir dir;
    write_file(dir / "a.jpg", make_image_bytes("jpeg", 64, 48, 1));
    // 0 is --retry's default for requests: refused all the same.
    auto thumbnail = run_bmx({"thumbnail", (dir / "a.jpg").string(), "--out", dir.path().string(), "--retry", "0"});
    CHECK(thumbnail.exit_code == 2);
    CHECK(thumbnail.err == "bmx-api: error: --retry does not apply to thumbnail\n");
    CHECK_FALSE(std::filesystem::exists(dir / "a.thumb.jpg"));

    auto config = run_bmx({"config", "--retry-delay", "1"});
    CHECK(config.exit_code == 2);
    CHECK(contains(config.err, "--retry-delay does not apply to config"));

    DevServer server;
    auto empty_type = run_bmx({"GET", "/books", "--type", ""}, with_key(server));
    CHECK(empty_type.exit_code == 2);
    CHECK(contains(empty_type.err, "go with --image"));
    CHECK(api_requests(server).empty());
}

TEST_CASE("--type, --primary, --caption and --json have one help text for --image and upload") {
    auto program = run_bmx({"--help"});
    auto upload = run_bmx({"upload", "--help"});
    REQUIRE(program.exit_code == 0);
    REQUIRE(upload.exit_code == 0);
    for (const std::string text : {"The image_type query parameter (server default: detail)",
                                   "Make the first file, or FILE as --primary=FILE (with '='), the book's only primary image",
                                   "The caption query parameter",
                                   "Print the statuses as JSON on a terminal too, not a table (pipes always get JSON)"}) {
        INFO(text);
        CHECK(contains(program.out, text));
        CHECK(contains(upload.out, text));
    }
    CHECK_FALSE(contains(program.out, "With --image: mark"));
}

// ---- 8. Set-up

TEST_CASE("--help names BMX_API_KEY, BMX_BASE_URL and the ~/.bmx key files") {
    auto help = run_bmx({"--help"});
    CHECK(help.exit_code == 0);
    CHECK(contains(help.out, "BMX_API_KEY"));
    CHECK(contains(help.out, "BMX_BASE_URL"));
    CHECK(contains(help.out, "~/.bmx/staging.key"));
    CHECK(contains(help.out, "~/.bmx/prod.key"));
}

// ---- 9. Words

TEST_CASE("a 401 from a --base-url server names its origin, not the staging API") {
    DevServer server;
    RunOptions wrong;
    wrong.env["BMX_API_KEY"] = "tk_wrong_key_0000000000";
    auto result = run_bmx({"--base-url", server.base_url(), "GET", "/books/1/images"}, wrong);
    CHECK(result.exit_code == 1);
    CHECK(contains(result.err, "bmx-api: the API at " + server.origin() + " refused the key from BMX_API_KEY; check that it "
                               "is the key for that server and still valid\n"));
    CHECK_FALSE(contains(result.err, "staging"));
}

TEST_CASE("a directory's left-out entries are counted in English") {
    TempDir dir;
    write_shoot(dir, "one", 1);
    write_file(dir / "one" / "notes.txt", "n");
    write_shoot(dir, "two", 1);
    write_file(dir / "two" / "notes.txt", "n");
    write_file(dir / "two" / "list.csv", "l");
    auto result = run_bmx({"upload", "1", (dir / "one").string(), (dir / "two").string(), "--dry-run"},
                          with_key("http://127.0.0.1:9/api/v1"));
    CHECK(contains(result.err, "one: left out 1 entry that is not an image file by name: notes.txt\n"));
    CHECK(contains(result.err, "two: left out 2 entries that are not image files by name: list.csv, notes.txt\n"));
}

TEST_CASE("--wait-until on a book with no analysis job names the POST that starts one") {
    DevServer server;
    auto result = run_bmx({"GET", "/books/3/analysis/status", "--wait-until", ".status == \"completed\"", "--wait-timeout",
                           "5"},
                          with_key(server));
    CHECK(result.exit_code == 1);
    CHECK(contains(result.err, "bmx-api: error: HTTP 404 Not Found: No analysis job found for this book\n"));
    CHECK(contains(result.err, "no analysis job has been started for book 3; this starts one: bmx-api POST "
                               "/books/3/analysis/generate-async '{\"model\": \"opus\"}'\n"));
    auto started = run_bmx({"POST", "/books/3/analysis/generate-async", R"({"model": "opus"})"}, with_key(server));
    CHECK(started.exit_code == 0);
    CHECK(json::parse(started.out)["status"] == "pending");
}
