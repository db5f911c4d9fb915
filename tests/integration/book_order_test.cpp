// The main job against a server that numbers images by arrival: the book ends as the person
// arranged it, and every status says what the server holds. Asserts on the server's own state.
#include <doctest/doctest.h>

#include <csignal>
#include <map>

#include <fmt/format.h>
#include <httplib.h>

#include "book_checks.hpp"
#include "harness.hpp"

using namespace bmx::testing;
using nlohmann::json;

namespace {

// The book's images as the API lists them (by display_order).
json server_images(const ServerProcess& server, int book) { return server.book_images(book); }

std::vector<long long> ids_of(const json& images) {
    std::vector<long long> ids;
    for (const json& image : images) ids.push_back(image["id"].get<long long>());
    return ids;
}

std::vector<long long> primaries_of(const json& images) {
    std::vector<long long> ids;
    for (const json& image : images)
        if (image["is_primary"] == true) ids.push_back(image["id"].get<long long>());
    return ids;
}

std::vector<json> requests_matching(const ServerProcess& server, const std::string& method, const std::string& suffix) {
    std::vector<json> found;
    for (const json& request : server.requests()) {
        std::string path = request["path"];
        if (request["method"] == method && path.size() >= suffix.size() &&
            path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0)
            found.push_back(request);
    }
    return found;
}

// n distinct small JPEGs, 01.jpg ... in name order.
std::vector<std::string> make_photos(const TempDir& dir, int n, int seed = 100) {
    std::vector<std::string> files;
    for (int i = 1; i <= n; ++i) {
        auto path = dir / fmt::format("{:02}.jpg", i);
        write_file(path, make_image_bytes("jpeg", 48 + i, 40, seed + i));
        files.push_back(path.string());
    }
    return files;
}

std::vector<long long> status_ids(const json& statuses) {
    std::vector<long long> ids;
    for (const json& status : statuses) ids.push_back(status["id"].get<long long>());
    return ids;
}

}  // namespace

TEST_CASE("twenty photos land in input order although the server finishes them out of order") {
    DevServer server(racing_server);
    TempDir dir;
    make_photos(dir, 20);
    auto result = run_bmx({"upload", "7", dir.path().string(), "--parallel", "6", "--jobs", "2"}, with_key(server));
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    json statuses = json::parse(result.out);
    REQUIRE(statuses.size() == 20);
    json images = server_images(server, 7);
    CHECK(ids_of(images) == status_ids(statuses));
    for (std::size_t i = 0; i < images.size(); ++i) CHECK(images[i]["display_order"] == static_cast<long long>(i));
    CHECK(images[0]["original_filename"] == "01.jpg");
    check_statuses_match_server(statuses, images);
    CHECK(requests_matching(server, "PUT", "/images/reorder").size() <= 1);
    CHECK_FALSE(contains_key(result.out + result.err));
}

TEST_CASE("--no-reorder leaves the arrival order, and the statuses still tell it truly") {
    DevServer server(racing_server);
    TempDir dir;
    make_photos(dir, 20);
    auto result = run_bmx({"upload", "8", dir.path().string(), "--parallel", "6", "--jobs", "2", "--no-reorder"}, with_key(server));
    REQUIRE(result.exit_code == 0);
    json statuses = json::parse(result.out);
    json images = server_images(server, 8);
    // Proof that this server scrambles a concurrent batch, which the test above relies on.
    CHECK(ids_of(images) != status_ids(statuses));
    check_statuses_match_server(statuses, images);
    CHECK(requests_matching(server, "PUT", "/images/reorder").empty());
}

TEST_CASE("images already on the book keep their place and primary, and the batch follows in input order") {
    DevServer server([] {
        auto args = racing_server;
        args.insert(args.end(), {"--seed-image", "9"});
        return args;
    }());
    TempDir earlier_dir, dir;
    make_photos(earlier_dir, 2, 500);
    REQUIRE(run_bmx({"upload", "9", earlier_dir.path().string()}, with_key(server)).exit_code == 0);
    json before = server_images(server, 9);
    REQUIRE(before.size() == 3);
    auto seed_primary = primaries_of(before);
    REQUIRE(seed_primary.size() == 1);

    make_photos(dir, 6, 900);
    auto result = run_bmx({"upload", "9", dir.path().string(), "--parallel", "6"}, with_key(server));
    REQUIRE(result.exit_code == 0);
    json statuses = json::parse(result.out);
    json after = server_images(server, 9);
    std::vector<long long> wanted = ids_of(before);
    for (long long id : status_ids(statuses)) wanted.push_back(id);
    CHECK(ids_of(after) == wanted);
    CHECK(primaries_of(after) == seed_primary);
    check_statuses_match_server(statuses, after);
}

TEST_CASE("a re-run stores nothing twice, leaves the order as it was and sends no reorder") {
    DevServer server(racing_server);
    TempDir dir;
    make_photos(dir, 8);
    REQUIRE(run_bmx({"upload", "10", dir.path().string()}, with_key(server)).exit_code == 0);
    json first = server_images(server, 10);
    std::size_t reorders = requests_matching(server, "PUT", "/images/reorder").size();

    auto again = run_bmx({"upload", "10", dir.path().string()}, with_key(server));
    REQUIRE(again.exit_code == 0);
    json statuses = json::parse(again.out);
    for (const json& status : statuses) CHECK(status["upload_status"] == "duplicate");
    json second = server_images(server, 10);
    CHECK(second.size() == 8);
    CHECK(ids_of(second) == ids_of(first));
    CHECK(requests_matching(server, "PUT", "/images/reorder").size() == reorders);
    check_statuses_match_server(statuses, second);
}

TEST_CASE("--primary makes the batch's first file the book's only primary, sent with is_primary once") {
    DevServer server([] {
        auto args = racing_server;
        args.insert(args.end(), {"--seed-image", "11"});
        return args;
    }());
    TempDir dir;
    make_photos(dir, 5);
    auto result = run_bmx({"upload", "11", dir.path().string(), "--primary"}, with_key(server));
    REQUIRE(result.exit_code == 0);
    json statuses = json::parse(result.out);
    json images = server_images(server, 11);
    CHECK(primaries_of(images) == std::vector<long long>{statuses[0]["id"].get<long long>()});
    CHECK(images[0]["id"] == statuses[0]["id"]);
    CHECK(statuses[0]["is_primary"] == true);
    for (std::size_t i = 1; i < statuses.size(); ++i) CHECK(statuses[i]["is_primary"] == false);
    std::size_t flagged = 0;
    for (const json& post : requests_matching(server, "POST", "/images"))
        flagged += post["query"].get<std::string>().find("is_primary=true") != std::string::npos;
    CHECK(flagged == 1);
    check_statuses_match_server(statuses, images);
}

TEST_CASE("--primary=FILE names the primary, even when that file is already on the server") {
    DevServer server(racing_server);
    TempDir dir;
    auto files = make_photos(dir, 5);
    REQUIRE(run_bmx({"--image", files[3], "POST", "/books/12/images"}, with_key(server)).exit_code == 0);
    auto result = run_bmx({"upload", "12", dir.path().string(), "--primary=" + files[3]}, with_key(server));
    REQUIRE(result.exit_code == 0);
    json statuses = json::parse(result.out);
    CHECK(statuses[3]["upload_status"] == "duplicate");
    json images = server_images(server, 12);
    CHECK(primaries_of(images) == std::vector<long long>{statuses[3]["id"].get<long long>()});
    std::vector<long long> wanted{statuses[3]["id"].get<long long>(), statuses[0]["id"].get<long long>(),
                                  statuses[1]["id"].get<long long>(), statuses[2]["id"].get<long long>(),
                                  statuses[4]["id"].get<long long>()};
    CHECK(ids_of(images) == wanted);
    check_statuses_match_server(statuses, images);
}

TEST_CASE("--primary=FILE that is not an input file exits 2 and sends nothing") {
    DevServer server;
    TempDir dir;
    make_photos(dir, 2);
    auto result = run_bmx({"upload", "12", dir.path().string(), "--primary=" + (dir / "elsewhere.jpg").string()}, with_key(server));
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("is not one of the files to upload") != std::string::npos);
    CHECK(server.requests().empty());
}
