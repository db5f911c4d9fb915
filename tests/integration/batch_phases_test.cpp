// The upload batch as phases (issue 20): how the book is placed, which answers end the batch,
// which answers are uploads at all, and that no fault leaves a file without a final status.
// Asserts on what the dev server received and holds, not only on what bmx-api says.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <httplib.h>

#include "book_checks.hpp"
#include "harness.hpp"

// A named namespace, not an anonymous one: under the unity build this file shares a translation
// unit with others whose anonymous helpers have the same names.
namespace batch_phases {

using namespace bmx::testing;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

// The book's images as the API lists them (by display_order).
json book_images(const ServerProcess& server, int book) { return server.book_images(book); }

// Lists are JSON arrays, so that doctest prints both sides of a failed comparison.
json field_of_each(const json& images, const char* field) {
    json values = json::array();
    for (const json& image : images) values.push_back(image[field]);
    return values;
}

json ids_of(const json& images) { return field_of_each(images, "id"); }
json names_of(const json& images) { return field_of_each(images, "original_filename"); }
json orders_of(const json& images) { return field_of_each(images, "display_order"); }

json primary_names(const json& images) {
    json names = json::array();
    for (const json& image : images)
        if (image["is_primary"] == true) names.push_back(image["original_filename"]);
    return names;
}

json numbered(std::size_t n) {
    json orders = json::array();
    for (std::size_t i = 0; i < n; ++i) orders.push_back(i);
    return orders;
}

bool ends_with(const std::string& text, const std::string& suffix) {
    return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::vector<json> requests_matching(const ServerProcess& server, const std::string& method, const std::string& suffix) {
    std::vector<json> found;
    for (const json& request : server.requests())
        if (request["method"] == method && ends_with(request["path"].get<std::string>(), suffix)) found.push_back(request);
    return found;
}

std::size_t reorder_puts(const ServerProcess& server) { return requests_matching(server, "PUT", "/images/reorder").size(); }

// Clears the server's request log (not its data), so the next run's requests stand alone.
void forget_requests(const ServerProcess& server) {
    httplib::Client client("127.0.0.1", server.port());
    auto response = client.Post("/_dev/reset");
    REQUIRE(response);
    REQUIRE(response->status == 200);
}

bool is_image_post(const json& request, int book) {
    return request["method"] == "POST" && request["path"] == fmt::format("/api/v1/books/{}/images", book);
}

bool is_image_list_get(const json& request, int book) {
    return request["method"] == "GET" && request["path"] == fmt::format("/api/v1/books/{}/images", book);
}

// The file names of the image POSTs the server received, in arrival order.
json posted_names(const ServerProcess& server, int book) {
    json names = json::array();
    for (const json& request : server.requests()) {
        if (!is_image_post(request, book)) continue;
        for (const json& part : request["parts"])
            if (part["name"] == "file") names.push_back(part["filename"]);
    }
    return names;
}

// Image-list GETs that arrived after the first image POST (the log is in arrival order).
// Over a snapshot of the request log taken right after bmx-api ended, so the test's own reads
// of the book afterwards are not counted.
std::size_t list_reads_after_first_post(const json& requests, int book) {
    bool posted = false;
    std::size_t reads = 0;
    for (const json& request : requests) {
        posted = posted || is_image_post(request, book);
        reads += posted && is_image_list_get(request, book);
    }
    return reads;
}

std::size_t stored_on(const ServerProcess& server, int book) {
    json images = server.images();
    const std::string key = std::to_string(book);
    return images.contains(key) ? images[key].size() : 0;
}

std::filesystem::path make_photo(const TempDir& dir, const std::string& name, int seed) {
    auto path = dir / name;
    write_file(path, make_image_bytes("jpeg", 48 + seed % 17, 40, seed));
    return path;
}

// n distinct small JPEGs, 01.jpg ... (after the prefix) in name order.
std::vector<std::string> make_photos(const TempDir& dir, int n, int seed = 100, const std::string& prefix = "") {
    std::vector<std::string> files;
    for (int i = 1; i <= n; ++i) files.push_back(make_photo(dir, fmt::format("{}{:02}.jpg", prefix, i), seed + i).string());
    return files;
}

// The statuses on stdout, which must be there whatever else happened.
json statuses_of(const CommandResult& result) {
    INFO("stdout: " << result.out);
    INFO("stderr: " << result.err);
    REQUIRE(json::accept(result.out));
    json statuses = json::parse(result.out);
    REQUIRE(statuses.is_array());
    return statuses;
}

std::string file_name(const json& status) { return std::filesystem::path(status["file"].get<std::string>()).filename().string(); }

bool is_final(const json& status) {
    static const std::set<std::string> finals{"uploaded", "duplicate", "failed", "cancelled"};
    return status["upload_status"].is_string() && finals.count(status["upload_status"].get<std::string>()) == 1;
}

// Uploads the files to the book one at a time, so the server numbers them in this order.
void seed_book(const ServerProcess& server, int book, const std::vector<std::string>& files) {
    std::vector<std::string> args{"upload", std::to_string(book)};
    args.insert(args.end(), files.begin(), files.end());
    args.insert(args.end(), {"--parallel", "1"});
    auto result = run_bmx(args, with_key(server));
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    REQUIRE(book_images(server, book).size() == files.size());
}

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

// ---------------------------------------------------------------------------------------------
// Placing the book.

TEST_CASE("sending again one photo the book already has moves nothing and sends no reorder, exit 0") {
    DevServer server(racing_server);
    TempDir dir;
    auto files = make_photos(dir, 15);
    seed_book(server, 20, files);
    json before = book_images(server, 20);
    REQUIRE(names_of(before)[1] == "02.jpg");
    forget_requests(server);

    auto result = run_bmx({"upload", "20", files[1]}, with_key(server));
    INFO(result.err);
    CHECK(result.exit_code == 0);
    json statuses = statuses_of(result);
    REQUIRE(statuses.size() == 1);
    CHECK(statuses[0]["upload_status"] == "duplicate");
    json after = book_images(server, 20);
    CHECK(ids_of(after) == ids_of(before));
    CHECK(orders_of(after) == orders_of(before));
    CHECK(statuses[0]["display_order"] == before[1]["display_order"]);
    check_statuses_match_server(statuses, after);
    CHECK(posted_names(server, 20) == json::array({"02.jpg"}));
    CHECK(reorder_puts(server) == 0);
    CHECK_FALSE(leaks_key(result));
}

TEST_CASE("--image of a photo the book already has sends its POST and moves nothing, no reorder") {
    DevServer server(racing_server);
    TempDir dir;
    auto files = make_photos(dir, 15);
    seed_book(server, 21, files);
    json before = book_images(server, 21);
    forget_requests(server);

    auto result = run_bmx({"--image", files[2], "POST", "/books/21/images"}, with_key(server));
    INFO(result.err);
    CHECK(result.exit_code == 0);
    REQUIRE(json::accept(result.out));
    CHECK(json::parse(result.out)["upload_status"] == "duplicate");
    CHECK(posted_names(server, 21) == json::array({"03.jpg"}));
    json after = book_images(server, 21);
    CHECK(ids_of(after) == ids_of(before));
    CHECK(orders_of(after) == orders_of(before));
    CHECK(reorder_puts(server) == 0);
    CHECK_FALSE(leaks_key(result));
}

TEST_CASE("one new photo on a book of five is appended last with no reorder and no second read of the list") {
    DevServer server(racing_server);
    TempDir dir, more;
    seed_book(server, 22, make_photos(dir, 5));
    json before = book_images(server, 22);
    auto added = make_photo(more, "new1.jpg", 900);
    forget_requests(server);

    auto result = run_bmx({"upload", "22", added.string()}, with_key(server));

    const json requests_seen = server.requests();
    INFO(result.err);
    CHECK(result.exit_code == 0);
    json statuses = statuses_of(result);
    REQUIRE(statuses.size() == 1);
    CHECK(statuses[0]["upload_status"] == "uploaded");
    CHECK(statuses[0]["display_order"] == 5);
    json after = book_images(server, 22);
    REQUIRE(after.size() == 6);
    json wanted = ids_of(before);
    wanted.push_back(statuses[0]["id"]);
    CHECK(ids_of(after) == wanted);
    CHECK(orders_of(after) == numbered(6));
    check_statuses_match_server(statuses, after);
    CHECK(posted_names(server, 22) == json::array({"new1.jpg"}));
    CHECK(reorder_puts(server) == 0);
    CHECK(list_reads_after_first_post(requests_seen, 22) == 0);
    CHECK_FALSE(leaks_key(result));
}

TEST_CASE("a concurrent batch is placed in input order with exactly one reorder and no list read after its first POST") {
    DevServer server(racing_server);
    TempDir dir;
    make_photos(dir, 15);
    auto result = run_bmx({"upload", "23", dir.path().string(), "--parallel", "6"}, with_key(server));
    const json requests_seen = server.requests();
    INFO(result.err);
    CHECK(result.exit_code == 0);
    json statuses = statuses_of(result);
    REQUIRE(statuses.size() == 15);
    json images = book_images(server, 23);
    json wanted = json::array();
    for (int i = 1; i <= 15; ++i) wanted.push_back(fmt::format("{:02}.jpg", i));
    CHECK(names_of(images) == wanted);
    check_statuses_match_server(statuses, images);
    REQUIRE(posted_names(server, 23).size() == 15);
    // Proof that this server scrambled the batch: the arrival numbering was not input order.
    auto puts = requests_matching(server, "PUT", "/images/reorder");
    REQUIRE(puts.size() == 1);
    REQUIRE(json::accept(puts[0]["body"].get<std::string>()));
    CHECK(json::parse(puts[0]["body"].get<std::string>()) == ids_of(images));
    CHECK(list_reads_after_first_post(requests_seen, 23) == 0);
    CHECK_FALSE(leaks_key(result));
}

TEST_CASE("--parallel 1 needs no reorder: the server's numbering is already input order") {
    DevServer server(racing_server);
    TempDir earlier, dir;
    seed_book(server, 24, make_photos(earlier, 2, 500, "earlier-"));
    make_photos(dir, 6);
    forget_requests(server);
    auto result = run_bmx({"upload", "24", dir.path().string(), "--parallel", "1"}, with_key(server));
    const json requests_seen = server.requests();
    INFO(result.err);
    CHECK(result.exit_code == 0);
    json statuses = statuses_of(result);
    REQUIRE(statuses.size() == 6);
    json images = book_images(server, 24);
    REQUIRE(images.size() == 8);
    check_statuses_match_server(statuses, images);
    CHECK(posted_names(server, 24).size() == 6);
    CHECK(reorder_puts(server) == 0);
    CHECK(list_reads_after_first_post(requests_seen, 24) == 0);
    CHECK_FALSE(leaks_key(result));
}

TEST_CASE("--arrange makes the batch's files the book's first images in input order, the first primary") {
    DevServer server(racing_server);
    TempDir dir;
    std::vector<std::string> abcd;
    for (const char* name : {"a.jpg", "b.jpg", "c.jpg", "d.jpg"}) abcd.push_back(make_photo(dir, name, 300 + name[0]).string());
    seed_book(server, 25, abcd);
    auto added = make_photo(dir, "new1.jpg", 901);
    forget_requests(server);

    auto result = run_bmx({"upload", "25", "--arrange", abcd[3], abcd[2], added.string()}, with_key(server));
    INFO(result.err);
    CHECK(result.exit_code == 0);
    json statuses = statuses_of(result);
    REQUIRE(statuses.size() == 3);
    json images = book_images(server, 25);
    CHECK(names_of(images) == json::array({"d.jpg", "c.jpg", "new1.jpg", "a.jpg", "b.jpg"}));
    CHECK(orders_of(images) == numbered(5));
    CHECK(primary_names(images) == json::array({"d.jpg"}));
    CHECK(statuses[0]["upload_status"] == "duplicate");
    CHECK(statuses[2]["upload_status"] == "uploaded");
    check_statuses_match_server(statuses, images);
    CHECK(reorder_puts(server) == 1);
    CHECK_FALSE(leaks_key(result));
}

TEST_CASE("--primary=FILE moves that new image to the front and leaves the rest where they are") {
    DevServer server(racing_server);
    TempDir dir;
    std::vector<std::string> abc;
    for (const char* name : {"a.jpg", "b.jpg", "c.jpg"}) abc.push_back(make_photo(dir, name, 400 + name[0]).string());
    seed_book(server, 26, abc);
    auto new1 = make_photo(dir, "new1.jpg", 902), new2 = make_photo(dir, "new2.jpg", 903);

    auto result = run_bmx({"upload", "26", new1.string(), new2.string(), "--primary=" + new2.string()}, with_key(server));
    INFO(result.err);
    CHECK(result.exit_code == 0);
    json statuses = statuses_of(result);
    REQUIRE(statuses.size() == 2);
    json images = book_images(server, 26);
    CHECK(names_of(images) == json::array({"new2.jpg", "a.jpg", "b.jpg", "c.jpg", "new1.jpg"}));
    CHECK(primary_names(images) == json::array({"new2.jpg"}));
    CHECK(statuses[1]["is_primary"] == true);
    CHECK(statuses[0]["is_primary"] == false);
    check_statuses_match_server(statuses, images);
    CHECK_FALSE(leaks_key(result));
}

TEST_CASE("--primary=FILE beside a photo the book already has moves only FILE: the re-sent photo keeps its place") {
    DevServer server(racing_server);
    TempDir dir;
    std::vector<std::string> abc;
    for (const char* name : {"a.jpg", "b.jpg", "c.jpg"}) abc.push_back(make_photo(dir, name, 420 + name[0]).string());
    seed_book(server, 27, abc);
    auto new1 = make_photo(dir, "new1.jpg", 912);

    auto result = run_bmx({"upload", "27", abc[1], new1.string(), "--primary=" + new1.string()}, with_key(server));
    INFO(result.err);
    CHECK(result.exit_code == 0);
    json statuses = statuses_of(result);
    REQUIRE(statuses.size() == 2);
    CHECK(statuses[0]["upload_status"] == "duplicate");
    json images = book_images(server, 27);
    CHECK(names_of(images) == json::array({"new1.jpg", "a.jpg", "b.jpg", "c.jpg"}));
    CHECK(primary_names(images) == json::array({"new1.jpg"}));
    check_statuses_match_server(statuses, images);
    CHECK_FALSE(leaks_key(result));
}

TEST_CASE("bare --primary moves the batch's first file to the front and leaves the rest where they are") {
    DevServer server(racing_server);
    TempDir dir;
    std::vector<std::string> abc;
    for (const char* name : {"a.jpg", "b.jpg", "c.jpg"}) abc.push_back(make_photo(dir, name, 450 + name[0]).string());
    seed_book(server, 36, abc);
    auto new1 = make_photo(dir, "new1.jpg", 905), new2 = make_photo(dir, "new2.jpg", 906);

    auto result = run_bmx({"upload", "36", new1.string(), new2.string(), "--primary"}, with_key(server));
    INFO(result.err);
    CHECK(result.exit_code == 0);
    json statuses = statuses_of(result);
    REQUIRE(statuses.size() == 2);
    json images = book_images(server, 36);
    CHECK(names_of(images) == json::array({"new1.jpg", "a.jpg", "b.jpg", "c.jpg", "new2.jpg"}));
    CHECK(primary_names(images) == json::array({"new1.jpg"}));
    check_statuses_match_server(statuses, images);
    CHECK_FALSE(leaks_key(result));
}

TEST_CASE("--primary=FILE naming a photo already on the book moves only it to the front") {
    DevServer server(racing_server);
    TempDir dir;
    std::vector<std::string> abc;
    for (const char* name : {"a.jpg", "b.jpg", "c.jpg"}) abc.push_back(make_photo(dir, name, 500 + name[0]).string());
    seed_book(server, 27, abc);
    auto new1 = make_photo(dir, "new1.jpg", 904);

    auto result = run_bmx({"upload", "27", abc[2], new1.string(), "--primary=" + abc[2]}, with_key(server));
    INFO(result.err);
    CHECK(result.exit_code == 0);
    json statuses = statuses_of(result);
    REQUIRE(statuses.size() == 2);
    CHECK(statuses[0]["upload_status"] == "duplicate");
    json images = book_images(server, 27);
    CHECK(names_of(images) == json::array({"c.jpg", "a.jpg", "b.jpg", "new1.jpg"}));
    CHECK(primary_names(images) == json::array({"c.jpg"}));
    check_statuses_match_server(statuses, images);
    CHECK_FALSE(leaks_key(result));
}

TEST_CASE("a reorder answer that does not confirm the order sent is stage reorder, exit 4") {
    for (const char* mode : {"wrong-order", "not-json"}) {
        INFO("--reorder-answer " << std::string(mode));
        auto args = racing_server;
        args.insert(args.end(), {"--reorder-answer", mode});
        DevServer server(args);
        TempDir dir;
        make_photos(dir, 12);
        auto result = run_bmx({"upload", "28", dir.path().string(), "--parallel", "6"}, with_key(server));
        INFO(result.err);
        json statuses = statuses_of(result);
        REQUIRE(statuses.size() == 12);
        // The check needs a reorder to have been sent at all.
        REQUIRE(reorder_puts(server) == 1);
        CHECK(result.exit_code == 4);
        std::size_t reorder_errors = 0;
        for (const json& status : statuses)
            reorder_errors += status["error"].is_object() && status["error"]["stage"] == "reorder";
        CHECK(reorder_errors >= 1);
        CHECK_FALSE(leaks_key(result));
    }
}

TEST_CASE("--ndjson prints a failure when it is final and the stored files after placement, one object a line") {
    DevServer server(racing_server);
    TempDir dir;
    make_photos(dir, 6);
    write_file(dir / "07-broken.jpg", std::string("\xff\xd8\xff this is not a JPEG at all"));
    auto result = run_bmx({"upload", "29", dir.path().string(), "--parallel", "6", "--ndjson"}, with_key(server));
    INFO(result.err);
    std::vector<json> lines;
    std::istringstream out(result.out);
    for (std::string line; std::getline(out, line);) {
        INFO(line);
        REQUIRE(json::accept(line));
        lines.push_back(json::parse(line));
        CHECK(lines.back().is_object());
    }
    REQUIRE(lines.size() == 7);
    CHECK(file_name(lines[0]) == "07-broken.jpg");
    CHECK(lines[0]["upload_status"] == "failed");
    json images = book_images(server, 29);
    REQUIRE(images.size() == 6);
    json stored = json::array();
    for (std::size_t i = 1; i < lines.size(); ++i) {
        CHECK(lines[i]["upload_status"] == "uploaded");
        CHECK(lines[i]["display_order"].is_number_integer());
        stored.push_back(lines[i]);
    }
    check_statuses_match_server(stored, images);
    CHECK_FALSE(leaks_key(result));
}

// ---------------------------------------------------------------------------------------------
// Answers about the batch.

// The names in a JSON array of strings, as a set.
std::set<std::string> name_set(const json& names) {
    std::set<std::string> set;
    for (const json& name : names) set.insert(name.get<std::string>());
    return set;
}

bool names_any(const std::string& text, const std::vector<std::string>& words) {
    const std::string lowered = lower(text);
    return std::any_of(words.begin(), words.end(),
                       [&](const std::string& word) { return lowered.find(lower(word)) != std::string::npos; });
}

// Eight photos to a server that refuses every image POST after the first two with `status`.
void check_refusal_ends_batch(const std::string& status, const std::string& parallel, const std::vector<std::string>& named) {
    DevServer server({"--refuse-images-after", "2:" + status, "--processing-delay-ms", "150"});
    TempDir dir;
    make_photos(dir, 8);
    auto result = run_bmx({"upload", "30", dir.path().string(), "--parallel", parallel, "--retry", "0"}, with_key(server));
    INFO(result.err);
    CHECK(result.exit_code == 1);
    json statuses = statuses_of(result);
    REQUIRE(statuses.size() == 8);
    json posted = posted_names(server, 30);
    INFO("posted: " << posted);
    REQUIRE(posted.size() >= 3);  // the two stored, and the one refused
    CHECK(posted.size() < 8);
    CHECK(stored_on(server, 30) == 2);
    const std::set<std::string> sent = name_set(posted);
    std::size_t cancelled = 0;
    for (const json& file_status : statuses) {
        INFO(file_status.dump());
        CHECK(is_final(file_status));
        if (sent.count(file_name(file_status)) == 1) continue;
        ++cancelled;
        CHECK(file_status["upload_status"] == "cancelled");
        REQUIRE(file_status["error"].is_object());
        CHECK(file_status["error"]["stage"] == "cancelled");
        CHECK(names_any(file_status["error"]["message"].get<std::string>(), named));
    }
    CHECK(cancelled == 8 - posted.size());
    CHECK_FALSE(leaks_key(result));
}

TEST_CASE("a mid-batch 404 Book not found cancels the files not yet sent, exit 1") {
    check_refusal_ends_batch("404", "1", {"404", "Book not found"});
}

TEST_CASE("a mid-batch 404 with two uploads in flight lets them finish and cancels the files not yet sent, exit 1") {
    check_refusal_ends_batch("404", "2", {"404", "Book not found"});
}

TEST_CASE("a mid-batch 401 (a revoked key) cancels the files not yet sent, exit 1") {
    check_refusal_ends_batch("401", "1", {"401"});
}

TEST_CASE("a mid-batch 403 cancels the files not yet sent, exit 1") {
    check_refusal_ends_batch("403", "2", {"403"});
}

// ---------------------------------------------------------------------------------------------
// Answers that are not uploads.

// The book already holds a.jpg; then a.jpg and bogus.jpg go together to a server that answers
// bogus.jpg's upload as `mode` says, and later (--slow-filename) than a.jpg's duplicate answer,
// so that repeat-id claims the id a.jpg's answer already claimed. Then the same batch again with
// the same upload record.
void check_bogus_answer(const std::string& mode, const std::vector<std::string>& named) {
    DevServer server({"--bogus-upload", "bogus.jpg:" + mode, "--slow-filename", "bogus.jpg:300"});
    TempDir dir, state;
    auto good = make_photo(dir, "a.jpg", 610), bogus = make_photo(dir, "bogus.jpg", 611);
    seed_book(server, 31, {good.string()});
    forget_requests(server);
    RunOptions options = with_key(server);
    options.env["XDG_STATE_HOME"] = state.path().string();
    const std::vector<std::string> args{"upload", "31", good.string(), bogus.string(), "--parallel", "2"};
    auto result = run_bmx(args, options);
    INFO(result.err);
    CHECK(result.exit_code == 4);
    json statuses = statuses_of(result);
    REQUIRE(statuses.size() == 2);
    CHECK(statuses[0]["upload_status"] == "duplicate");
    const json& status = statuses[1];
    INFO(status.dump());
    CHECK(status["upload_status"] == "failed");
    CHECK(status["error"].is_object());
    if (status["error"].is_object()) {
        CHECK(status["error"]["stage"] == "answer");
        CHECK(names_any(status["error"]["message"].get<std::string>(), named));
    }
    if (mode == "wrong-types") {
        // A wrong-typed field is null in the status, never echoed.
        CHECK(status["is_primary"].is_null());
        CHECK(status["duplicate"].is_null());
        CHECK(status.dump().find("\"yes\"") == std::string::npos);
        CHECK(status.dump().find("\"no\"") == std::string::npos);
    }
    CHECK(json(name_set(posted_names(server, 31))) == json::array({"a.jpg", "bogus.jpg"}));
    CHECK(stored_on(server, 31) == 2);  // the server did store it: only its answer was wrong

    // The record holds a.jpg, so it is not sent again; bogus.jpg was never recorded, so it is.
    forget_requests(server);
    auto again = run_bmx(args, options);
    INFO(again.err);
    CHECK(statuses_of(again).size() == 2);
    CHECK(posted_names(server, 31) == json::array({"bogus.jpg"}));
    CHECK_FALSE(leaks_key(result));
    CHECK_FALSE(leaks_key(again));
}

TEST_CASE("an upload answered with HTML, not JSON, fails that file with stage answer and is not recorded") {
    check_bogus_answer("not-json", {"json"});
}

TEST_CASE("an upload answer without an id fails that file with stage answer and is not recorded") {
    check_bogus_answer("no-id", {"id"});
}

TEST_CASE("an upload answer with id 0 fails that file with stage answer and is not recorded") {
    check_bogus_answer("zero-id", {"id"});
}

TEST_CASE("an upload answer with the id as a string fails that file with stage answer and is not recorded") {
    check_bogus_answer("string-id", {"id"});
}

TEST_CASE("an upload answer with an id another file of the batch claims fails that file with stage answer and is not recorded") {
    check_bogus_answer("repeat-id", {"id"});
}

TEST_CASE("an upload answer with wrong-typed fields fails that file with stage answer, the fields null, never echoed") {
    check_bogus_answer("wrong-types", {"is_primary", "duplicate"});
}

TEST_CASE("an upload answered with a JSON array fails that file with stage answer and is not recorded") {
    check_bogus_answer("array", {"object", "array"});
}

// ---------------------------------------------------------------------------------------------
// Nothing hangs.

struct TimedResult {
    CommandResult result;
    std::chrono::milliseconds elapsed{0};
};

TimedResult timed_run(const std::vector<std::string>& args, RunOptions options) {
    options.timeout = std::chrono::milliseconds(10000);
    const auto start = Clock::now();
    CommandResult result = run_bmx(args, std::move(options));
    return {std::move(result), std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start)};
}

void check_six_final_statuses(const CommandResult& result) {
    json statuses = statuses_of(result);
    REQUIRE(statuses.size() == 6);
    for (const json& status : statuses) {
        INFO(status.dump());
        CHECK(is_final(status));
    }
}

// A six-photo batch with BMX_INJECT_FAULT=phase: an unexpected exception in that phase.
void check_fault_in_phase(const std::string& phase) {
    DevServer server(racing_server);
    TempDir dir;
    make_photos(dir, 6);
    RunOptions options = with_key(server);
    options.env["BMX_INJECT_FAULT"] = phase;
    auto run = timed_run({"upload", "32", dir.path().string(), "--parallel", "3"}, options);
    INFO(run.result.err);
    CHECK_FALSE(run.result.timed_out);
    CHECK(run.elapsed < std::chrono::seconds(5));
    check_six_final_statuses(run.result);
    CHECK(run.result.exit_code == 70);
    CHECK_FALSE(leaks_key(run.result));
}

TEST_CASE("an unexpected exception while preparing ends the batch within 5 s: every status final, exit 70") {
    check_fault_in_phase("prepare");
}

TEST_CASE("an unexpected exception while learning the book ends the batch within 5 s: every status final, exit 70") {
    check_fault_in_phase("learn");
}

TEST_CASE("an unexpected exception while sending ends the batch within 5 s: every status final, exit 70") {
    check_fault_in_phase("send");
}

TEST_CASE("an unexpected exception while placing ends the batch within 5 s: every status final, exit 70") {
    check_fault_in_phase("place");
}

TEST_CASE("an unexpected exception while recording ends the batch within 5 s: every status final, exit 70") {
    check_fault_in_phase("record");
}

void check_stderr_unwritable(Stderr target, std::vector<std::string> global_args, const std::string& state_home = {}) {
    DevServer server(racing_server);
    TempDir dir;
    make_photos(dir, 6);
    RunOptions options = with_key(server);
    if (!state_home.empty()) {
        options.env["XDG_STATE_HOME"] = state_home;
        auto first = run_bmx({"upload", "33", dir.path().string()}, options);
        INFO(first.err);
        REQUIRE(first.exit_code == 0);
        REQUIRE(std::filesystem::exists(std::filesystem::path(state_home) / "bmx-api"));
    }
    options.stderr_to = target;
    global_args.insert(global_args.end(), {"upload", "33", dir.path().string(), "--parallel", "3"});
    auto run = timed_run(global_args, options);
    CHECK_FALSE(run.result.timed_out);
    CHECK(run.elapsed < std::chrono::seconds(5));
    check_six_final_statuses(run.result);
    CHECK(run.result.exit_code == 74);
    CHECK_FALSE(leaks_key(run.result));
}

TEST_CASE("a batch whose standard error is /dev/full ends within 5 s with every status on stdout, exit 74") {
    check_stderr_unwritable(Stderr::dev_full, {});
}

TEST_CASE("a batch whose standard error is closed ends within 5 s with every status on stdout, exit 74") {
    check_stderr_unwritable(Stderr::closed, {});
}

TEST_CASE("-v with standard error on /dev/full ends within 5 s when the book has an upload record, exit 74") {
    TempDir state;
    check_stderr_unwritable(Stderr::dev_full, {"-v"}, state.path().string());
}

// ---------------------------------------------------------------------------------------------
// Ctrl-C.

TEST_CASE("Ctrl-C places what landed: in input order after the book's images, the rest cancelled, exit 130") {
    DevServer server({"--processing-delay-ms", "300", "--processing-jitter-ms", "250", "--seed", "7"});
    TempDir earlier, dir;
    seed_book(server, 35, make_photos(earlier, 2, 700, "earlier-"));
    json before = book_images(server, 35);
    make_photos(dir, 12);
    forget_requests(server);

    RunOptions options = with_key(server);
    options.timeout = std::chrono::milliseconds(15000);
    // Three of the batch's images stored (the book held two before it).
    options.signal_when = [&server](const CommandResult&) { return stored_on(server, 35) >= 5; };
    auto result = run_bmx({"upload", "35", dir.path().string(), "--parallel", "2"}, options);
    INFO(result.err);
    CHECK(result.exit_code == 130);
    json statuses = statuses_of(result);
    REQUIRE(statuses.size() == 12);

    json images = book_images(server, 35);
    REQUIRE(images.size() >= 5);
    CHECK(images.size() < 14);  // the interrupt came before the batch could end
    json names = names_of(images);
    CHECK(json(std::vector<json>(names.begin(), names.begin() + 2)) == names_of(before));
    std::vector<std::string> landed;
    for (auto name = names.begin() + 2; name != names.end(); ++name) landed.push_back(name->get<std::string>());
    std::vector<std::string> by_name = landed;
    std::sort(by_name.begin(), by_name.end());
    CHECK(json(landed) == json(by_name));
    CHECK(orders_of(images) == numbered(images.size()));
    CHECK(reorder_puts(server) <= 1);

    const std::set<std::string> sent = name_set(posted_names(server, 35));
    const std::set<std::string> stored(landed.begin(), landed.end());
    for (const json& status : statuses) {
        INFO(status.dump());
        CHECK(is_final(status));
        if (stored.count(file_name(status)) == 1) CHECK(status["upload_status"] == "uploaded");
        if (stored.count(file_name(status)) == 1) CHECK(status["placed"] == true);
        if (sent.count(file_name(status)) == 0) CHECK(status["upload_status"] == "cancelled");
    }
    check_statuses_match_server(statuses, images);
    CHECK_FALSE(leaks_key(result));
}

TEST_CASE("a third Ctrl-C leaves at once and still reports the files the server confirmed as uploaded") {
    // Slow enough that the next uploads are still in flight when the third signal comes.
    DevServer server({"--processing-delay-ms", "1500"});
    TempDir dir;
    make_photos(dir, 12);
    RunOptions options = with_key(server);
    options.timeout = std::chrono::milliseconds(15000);
    options.signal_when = [&server](const CommandResult&) { return stored_on(server, 36) >= 2; };
    options.interrupts_when = 3;
    options.signal_interval_ms = 30;  // all three before the second one's abort has ended the batch
    auto started = std::chrono::steady_clock::now();
    auto result = run_bmx({"upload", "36", dir.path().string(), "--parallel", "2"}, options);
    auto took = std::chrono::steady_clock::now() - started;
    INFO(result.err);
    CHECK(result.exit_code == 130);
    CHECK(took < std::chrono::seconds(10));
    json statuses = statuses_of(result);
    REQUIRE(statuses.size() == 12);
    json stored = server.images()["36"];
    REQUIRE(stored.size() >= 2);
    // Every image the server holds whose upload bmx-api saw answered is reported uploaded, by id.
    std::set<long long> reported;
    for (const json& status : statuses) {
        INFO(status.dump());
        CHECK(is_final(status));
        if (status["upload_status"] == "uploaded") reported.insert(status["id"].get<long long>());
    }
    CHECK(reported.size() >= 2);
    // Proof that the third signal's report is what was printed: the files still in flight say so.
    CHECK(result.out.find("interrupted a third time") != std::string::npos);
    for (long long id : reported) {
        bool on_server = std::any_of(stored.begin(), stored.end(), [&](const json& image) { return image["id"] == id; });
        CHECK(on_server);
    }
    CHECK_FALSE(leaks_key(result));
}

}  // namespace batch_phases
