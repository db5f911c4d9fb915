// bmx-devserver behaves like the real server where clients trip: numbering on completion, 201 duplicates, 307 for a trailing slash.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <httplib.h>

#include "harness.hpp"

using namespace bmx::testing;
using nlohmann::json;

namespace {

// A keyed client for the dev server's API; one per thread (httplib clients are not shared).
httplib::Client api_client(const ServerProcess& server) {
    httplib::Client client("127.0.0.1", server.port());
    client.set_connection_timeout(5);
    client.set_read_timeout(20);
    client.set_default_headers({{"X-API-Key", test_key}});
    return client;
}

struct Answer {
    int status = -1;  // -1: no answer at all.
    json body;        // null when the answer had no body, or none that parsed.
    std::string location;
};

// No doctest assertion here: it may run on a thread, where a failed REQUIRE would terminate.
Answer answer_of(const httplib::Result& result) {
    if (!result) return {};
    Answer answer{result->status, json(), result->get_header_value("Location")};
    if (!result->body.empty()) answer.body = json::parse(result->body, nullptr, false);
    return answer;
}

Answer upload(const ServerProcess& server, int book, const std::string& filename, const std::string& bytes,
              const std::string& query = "") {
    auto client = api_client(server);
    httplib::MultipartFormDataItems items{{"file", bytes, filename, "image/jpeg"}};
    std::string path = "/api/v1/books/" + std::to_string(book) + "/images" + (query.empty() ? "" : "?" + query);
    return answer_of(client.Post(path.c_str(), items));
}

json listing(const ServerProcess& server, int book) {
    auto client = api_client(server);
    std::string path = "/api/v1/books/" + std::to_string(book) + "/images";
    Answer answer = answer_of(client.Get(path.c_str()));
    REQUIRE(answer.status == 200);
    return answer.body;
}

template <typename T>
std::vector<T> field_of_each(const json& images, const std::string& field) {
    std::vector<T> values;
    for (const json& image : images) values.push_back(image.at(field).get<T>());
    return values;
}

// Blocks (in the server, on an event) until `count` uploads have begun processing, so the
// next request is known to arrive after them.
void wait_until_processing_started(const ServerProcess& server, long count) {
    json counts = server.get_json("/_dev/processing?started=" + std::to_string(count) + "&timeout_ms=8000");
    REQUIRE(counts["started"].get<long>() >= count);
}

std::string jpeg(int seed) { return make_image_bytes("jpeg", 48, 32, seed); }

}  // namespace

TEST_CASE("dev server: a slow upload that arrived first is numbered after a fast one that finished first") {
    DevServer server({"--slow-filename", "slow.jpg:3000"});
    Answer slow;
    std::thread slow_upload([&] { slow = upload(server, 3, "slow.jpg", jpeg(1)); });
    wait_until_processing_started(server, 1);
    Answer fast = upload(server, 3, "fast.jpg", jpeg(2));
    slow_upload.join();

    CHECK(fast.status == 201);
    CHECK(slow.status == 201);
    json images = listing(server, 3);
    CHECK(field_of_each<std::string>(images, "original_filename") == std::vector<std::string>{"fast.jpg", "slow.jpg"});
    CHECK(field_of_each<int>(images, "display_order") == std::vector<int>{0, 1});
    CHECK(field_of_each<int>(images, "id") == std::vector<int>{fast.body["id"].get<int>(), slow.body["id"].get<int>()});

    // The server received them the other way round.
    std::vector<std::string> arrival;
    for (const json& request : server.requests_to("/api/v1/books/3/images"))
        if (request["method"] == "POST") arrival.push_back(request["parts"][0]["filename"]);
    CHECK(arrival == std::vector<std::string>{"slow.jpg", "fast.jpg"});

    json stored = server.images()["3"];
    REQUIRE(stored.size() == 2);
    CHECK(stored[0]["filename"] == "fast.jpg");
    CHECK(stored[0]["processing_delay_ms"] == 0);
    CHECK(stored[1]["processing_delay_ms"] == 3000);
    CHECK(stored[1]["display_order"] == 1);
}

TEST_CASE("dev server: with --processing-jitter-ms the k-th upload gets the k-th seeded draw and numbers follow completion") {
    // mt19937(2678) % 3001 gives 2143, 1714, 1179, 2549, 355, 30: the standard fixes the sequence.
    DevServer server({"--processing-jitter-ms", "3000", "--seed", "2678"});
    constexpr int uploads = 6;
    std::vector<Answer> answers(uploads);
    std::vector<std::thread> threads;
    for (int k = 0; k < uploads; ++k) {
        threads.emplace_back([&, k] { answers[k] = upload(server, 7, fmt::format("j{}.jpg", k), jpeg(10 + k)); });
        wait_until_processing_started(server, k + 1);
    }
    for (std::thread& thread : threads) thread.join();
    for (const Answer& answer : answers) CHECK(answer.status == 201);

    json stored = server.images()["7"];  // in insertion order
    std::vector<std::string> by_arrival{"j0.jpg", "j1.jpg", "j2.jpg", "j3.jpg", "j4.jpg", "j5.jpg"};
    std::vector<long> delay_by_arrival(uploads, -1);
    for (const json& image : stored) {
        auto at = std::find(by_arrival.begin(), by_arrival.end(), image["filename"].get<std::string>());
        REQUIRE(at != by_arrival.end());
        delay_by_arrival[static_cast<std::size_t>(at - by_arrival.begin())] = image["processing_delay_ms"];
    }
    CHECK(delay_by_arrival == std::vector<long>{2143, 1714, 1179, 2549, 355, 30});

    json images = listing(server, 7);
    CHECK(field_of_each<std::string>(images, "original_filename") ==
          std::vector<std::string>{"j5.jpg", "j4.jpg", "j2.jpg", "j1.jpg", "j0.jpg", "j3.jpg"});
    CHECK(field_of_each<int>(images, "display_order") == std::vector<int>{0, 1, 2, 3, 4, 5});
}

TEST_CASE("dev server: two identical uploads in flight together are both stored, since dedupe comes before processing") {
    DevServer server({"--processing-delay-ms", "1500"});
    const std::string same = jpeg(3);
    Answer first;
    std::thread first_upload([&] { first = upload(server, 2, "a.jpg", same); });
    wait_until_processing_started(server, 1);
    Answer second = upload(server, 2, "b.jpg", same);
    first_upload.join();

    CHECK(first.status == 201);
    CHECK(second.status == 201);
    CHECK(first.body["duplicate"] == false);
    CHECK(second.body["duplicate"] == false);
    CHECK(first.body["id"] != second.body["id"]);
    json stored = server.images()["2"];
    REQUIRE(stored.size() == 2);
    CHECK(stored[0]["sha256"] == stored[1]["sha256"]);

    // Once one is stored, the next copy is a duplicate, answered 201 like any upload.
    Answer third = upload(server, 2, "c.jpg", same);
    CHECK(third.status == 201);
    CHECK(third.body["duplicate"] == true);
    CHECK(third.body["thumbnail_status"] == "skipped");
    CHECK(third.body["message"] == "Image already exists (identical content)");
    CHECK(server.images()["2"].size() == 2);
}

TEST_CASE("dev server: a trailing slash on an API path is 307 to the path without it, query kept, before the key is checked") {
    DevServer server;
    httplib::Client keyless("127.0.0.1", server.port());
    keyless.set_read_timeout(10);

    // (httplib's client decodes a Location's escapes, so the query here has none.)
    Answer listing_slash = answer_of(keyless.Get("/api/v1/books/3/images/?page=2&type=cover"));
    CHECK(listing_slash.status == 307);
    CHECK(listing_slash.location == server.origin() + "/api/v1/books/3/images?page=2&type=cover");

    Answer post_slash = answer_of(keyless.Post("/api/v1/books/", "{}", "application/json"));
    CHECK(post_slash.status == 307);
    CHECK(post_slash.location == server.origin() + "/api/v1/books");

    Answer put_slash = answer_of(keyless.Put("/api/v1/books/3/analysis/", "text", "text/plain"));
    CHECK(put_slash.status == 307);
    CHECK(put_slash.location == server.origin() + "/api/v1/books/3/analysis");

    Answer unknown = answer_of(keyless.Get("/api/v1/nothing/here/"));
    CHECK(unknown.status == 404);
    CHECK(unknown.body == json{{"detail", "Not Found"}});

    // Recorded like any request, with the status it got.
    auto seen = server.requests_to("/api/v1/books/3/images/");
    REQUIRE(seen.size() == 1);
    CHECK(seen[0]["status"] == 307);
    CHECK(seen[0]["query"] == "page=2&type=cover");
}

TEST_CASE("dev server: by default a fresh store fills every field, and a duplicate is 201 too") {
    DevServer server;
    const std::string photo = jpeg(1);
    Answer fresh = upload(server, 1, "a.jpg", photo);
    CHECK(fresh.status == 201);
    CHECK(fresh.body["thumbnail_status"] == "generated");
    CHECK(fresh.body["duplicate"] == false);
    CHECK(fresh.body["message"].is_string());
    Answer repeat = upload(server, 1, "a.jpg", photo);
    CHECK(repeat.status == 201);
    CHECK(repeat.body["duplicate"] == true);
}
