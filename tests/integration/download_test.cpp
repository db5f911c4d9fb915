// `bmx-api download BOOK [DIR]` against bmx-devserver in its CDN mode: what lands on disk, and what each origin received.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <httplib.h>

#include "harness.hpp"

namespace download_test {

using namespace bmx::testing;
using nlohmann::json;

// Stores an image on the book through the API itself (no client-side checks), returning its id.
int store_image(const ServerProcess& server, int book, const std::string& filename, const std::string& bytes) {
    httplib::Client client("127.0.0.1", server.port());
    client.set_default_headers({{"X-API-Key", test_key}});
    httplib::MultipartFormDataItems items{{"file", bytes, filename, "image/jpeg"}};
    auto answer = client.Post(fmt::format("/api/v1/books/{}/images", book).c_str(), items);
    REQUIRE(answer);
    REQUIRE(answer->status == 201);
    return json::parse(answer->body)["id"].get<int>();
}

void reorder(const ServerProcess& server, int book, const std::vector<int>& ids) {
    httplib::Client client("127.0.0.1", server.port());
    client.set_default_headers({{"X-API-Key", test_key}});
    auto answer = client.Put(fmt::format("/api/v1/books/{}/images/reorder", book).c_str(), json(ids).dump(),
                             "application/json");
    REQUIRE(answer);
    REQUIRE(answer->status == 200);
}

std::string file_bytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream all;
    all << in.rdbuf();
    return all.str();
}

std::set<std::string> names_in(const std::filesystem::path& dir) {
    std::set<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) names.insert(entry.path().filename().string());
    return names;
}

RunOptions in_dir(const ServerProcess& server, const TempDir& dir) {
    RunOptions options = with_key(server);
    options.working_dir = dir.path();
    return options;
}

std::vector<json> statuses_of(const CommandResult& result) {
    json all = json::parse(result.out);
    REQUIRE(all.is_array());
    return {all.begin(), all.end()};
}

long long modified_ns(const std::filesystem::path& path) {
    struct stat info {};
    REQUIRE(::stat(path.c_str(), &info) == 0);
    return static_cast<long long>(info.st_mtim.tv_sec) * 1000000000LL + info.st_mtim.tv_nsec;
}

}  // namespace download_test

namespace download_test {

TEST_CASE("download writes a 12-photo book byte for byte, named in book order, and the CDN never sees the key, and a second run rewrites nothing" * doctest::test_suite("tsan")) {
    DevServer server({"--cdn-host", "127.0.0.2"});
    std::vector<std::string> photos;
    std::vector<int> ids;
    for (int i = 0; i < 12; ++i) {
        photos.push_back(make_image_bytes("jpeg", 48, 32, 100 + i));
        ids.push_back(store_image(server, 6, fmt::format("plate-{}.jpg", i), photos.back()));
    }
    // The book's order is not the order of arrival: the last photo first.
    std::vector<int> order(ids.rbegin(), ids.rend());
    reorder(server, 6, order);

    TempDir work;
    auto first = run_bmx({"download", "6"}, in_dir(server, work));
    CHECK(first.exit_code == 0);
    CHECK_FALSE(leaks_key(first));
    const auto statuses = statuses_of(first);
    REQUIRE(statuses.size() == 12);
    const std::filesystem::path book = work / "book-6";
    std::set<std::string> expected;
    for (int place = 0; place < 12; ++place) {
        const int photo = 11 - place;
        const std::string name = fmt::format("{:02}-plate-{}.jpg", place + 1, photo);
        expected.insert(name);
        CAPTURE(name);
        CHECK(statuses[place]["id"] == order[place]);
        CHECK(statuses[place]["display_order"] == place);
        CHECK(statuses[place]["file"] == "book-6/" + name);
        CHECK(statuses[place]["download_status"] == "downloaded");
        CHECK(statuses[place]["bytes"] == photos[photo].size());
        CHECK(statuses[place]["error"].is_null());
        CHECK(file_bytes(book / name) == photos[photo]);
    }
    CHECK(names_in(book) == expected);  // no temporary file left behind

    // Each image came through the API's /file (with the key) and its 302 to the CDN (without).
    int file_requests = 0;
    for (const json& request : server.requests_to("/api/v1/books/6/images/")) {
        const std::string path = request["path"].get<std::string>();
        if (path.size() < 5 || path.substr(path.size() - 5) != "/file") continue;
        ++file_requests;
        CHECK(request["headers"]["x-api-key"] == test_key);
        CHECK(request["status"] == 302);
    }
    CHECK(file_requests == 12);
    const json cdn = server.get_json("/_dev/cdn");
    CHECK(cdn.size() == 12);
    for (const json& request : cdn) {
        CHECK(request["x_api_key"] == false);
        CHECK(request["status"] == 200);
    }

    const long long written_at = modified_ns(book / "01-plate-11.jpg");
    auto second = run_bmx({"download", "6", "book-6", "--ndjson"}, in_dir(server, work));
    CHECK(second.exit_code == 0);
    std::istringstream lines(second.out);
    std::string line;
    int skipped = 0;
    while (std::getline(lines, line)) skipped += json::parse(line)["download_status"] == "skipped" ? 1 : 0;
    CHECK(skipped == 12);
    CHECK(contains(second.err, "12 skipped"));
    CHECK(modified_ns(book / "01-plate-11.jpg") == written_at);
    CHECK(names_in(book) == expected);
}

TEST_CASE("a non-image body, an over-budget body and a name taken by other content fail only their own file, leaving nothing partial") {
    DevServer server({"--cdn-host", "127.0.0.2"});
    const std::string good = make_image_bytes("jpeg", 48, 32, 1);
    const std::string clashing = make_image_bytes("jpeg", 48, 32, 2);
    const std::string large = make_image_bytes("png", 1200, 900, 3);
    REQUIRE(large.size() > (std::size_t{1} << 20));
    store_image(server, 8, "good.jpg", good);
    store_image(server, 8, "invoice.jpg", "%PDF-1.4\n% an invoice stored by mistake\n");
    store_image(server, 8, "clash.jpg", clashing);
    store_image(server, 8, "huge.png", large);

    TempDir work;
    const std::filesystem::path out = work / "out";
    std::filesystem::create_directories(out);
    {
        std::ofstream(out / "03-clash.jpg", std::ios::binary) << "someone's own file";
    }
    auto result = run_bmx({"download", "8", "out", "--max-file-mib", "1"}, in_dir(server, work));
    CHECK(result.exit_code == 4);
    const auto statuses = statuses_of(result);
    REQUIRE(statuses.size() == 4);
    CHECK(statuses[0]["download_status"] == "downloaded");
    CHECK(statuses[1]["download_status"] == "failed");
    CHECK(statuses[1]["error"]["stage"] == "format");
    CHECK(contains(statuses[1]["error"]["message"].get<std::string>(), "application/octet-stream"));
    CHECK(statuses[2]["download_status"] == "failed");
    CHECK(statuses[2]["error"]["stage"] == "write");
    CHECK(contains(statuses[2]["error"]["message"].get<std::string>(), "03-clash.jpg"));
    CHECK(statuses[3]["download_status"] == "failed");
    CHECK(statuses[3]["error"]["stage"] == "answer");

    CHECK(file_bytes(out / "01-good.jpg") == good);
    CHECK(file_bytes(out / "03-clash.jpg") == "someone's own file");
    CHECK(names_in(out) == std::set<std::string>{"01-good.jpg", "03-clash.jpg"});
    CHECK(contains(result.err, "1 downloaded, 3 failed"));

    // --force replaces the file that held other content.
    auto forced = run_bmx({"download", "8", "out", "--force"}, in_dir(server, work));
    CHECK(forced.exit_code == 4);
    CHECK(file_bytes(out / "03-clash.jpg") == clashing);
    CHECK(file_bytes(out / "04-huge.png") == large);
}

TEST_CASE("download --primary fetches only the primary image, keeping its place in the name, and --thumbnails fetches thumbnails") {
    DevServer server({"--cdn-host", "127.0.0.2"});
    std::vector<std::string> photos;
    std::vector<int> ids;
    for (int i = 0; i < 3; ++i) {
        photos.push_back(make_image_bytes("jpeg", 48, 32, 200 + i));
        ids.push_back(store_image(server, 9, fmt::format("p{}.jpg", i), photos.back()));
    }
    httplib::Client client("127.0.0.1", server.port());
    client.set_default_headers({{"X-API-Key", test_key}});
    auto made_primary = client.Put(fmt::format("/api/v1/books/9/images/{}?is_primary=true", ids[2]).c_str(), "", "text/plain");
    REQUIRE(made_primary);
    REQUIRE(made_primary->status == 200);

    TempDir work;
    auto primary = run_bmx({"download", "9", "--primary"}, in_dir(server, work));
    CHECK(primary.exit_code == 0);
    const auto only = statuses_of(primary);
    REQUIRE(only.size() == 1);
    CHECK(only[0]["id"] == ids[2]);
    CHECK(names_in(work / "book-9") == std::set<std::string>{"03-p2.jpg"});
    CHECK(file_bytes(work / "book-9" / "03-p2.jpg") == photos[2]);

    auto thumbnails = run_bmx({"download", "9", "thumbs", "--thumbnails"}, in_dir(server, work));
    CHECK(thumbnails.exit_code == 0);
    CHECK(names_in(work / "thumbs") == std::set<std::string>{"01-p0.jpg.thumb.jpg", "02-p1.jpg.thumb.jpg", "03-p2.jpg.thumb.jpg"});
    int thumbnail_requests = 0;
    for (const json& request : server.requests_to("/api/v1/books/9/images/"))
        thumbnail_requests += contains(request["path"].get<std::string>(), "/thumbnail") ? 1 : 0;
    CHECK(thumbnail_requests == 3);
    int cdn_thumbnails = 0;
    for (const json& request : server.get_json("/_dev/cdn")) {
        CHECK(request["x_api_key"] == false);
        cdn_thumbnails += contains(request["path"].get<std::string>(), "_thumb.jpg") ? 1 : 0;
    }
    CHECK(cdn_thumbnails == 3);
}

TEST_CASE("download of a missing book is exit 1 with nothing written and no image fetched") {
    DevServer server({"--cdn-host", "127.0.0.2"});
    TempDir work;
    auto result = run_bmx({"download", "999"}, in_dir(server, work));
    CHECK(result.exit_code == 1);
    CHECK(result.out.empty());
    CHECK(contains(result.err, "Book not found"));
    CHECK(names_in(work.path()).empty());
    CHECK(server.requests().size() == 1);
    CHECK(server.get_json("/_dev/cdn").empty());

    auto usage = run_bmx({"download", "five"}, in_dir(server, work));
    CHECK(usage.exit_code == 2);
    CHECK(names_in(work.path()).empty());
}

}  // namespace download_test
