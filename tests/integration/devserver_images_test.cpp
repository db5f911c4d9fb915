// bmx-devserver's image routes behave like the real server's: numbering on completion, reorder and edits, 307 for a trailing slash, nulls.
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

Answer reorder(const ServerProcess& server, int book, const std::string& body) {
    auto client = api_client(server);
    std::string path = "/api/v1/books/" + std::to_string(book) + "/images/reorder";
    return answer_of(client.Put(path.c_str(), body, "application/json"));
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

TEST_CASE("dev server: display_order is the count at insert, so after a delete two images share one and the listing breaks the tie by id") {
    DevServer server;
    int a = upload(server, 5, "a.jpg", jpeg(1)).body["id"];
    int b = upload(server, 5, "b.jpg", jpeg(2)).body["id"];
    int c = upload(server, 5, "c.jpg", jpeg(3)).body["id"];

    auto client = api_client(server);
    std::string a_path = "/api/v1/books/5/images/" + std::to_string(a);
    Answer deleted = answer_of(client.Delete(a_path.c_str()));
    CHECK(deleted.status == 204);
    CHECK(deleted.body.is_null());
    Answer again = answer_of(client.Delete(a_path.c_str()));
    CHECK(again.status == 404);
    CHECK(again.body == json{{"detail", "Image not found"}});

    int d = upload(server, 5, "d.jpg", jpeg(4)).body["id"];
    json images = listing(server, 5);
    CHECK(field_of_each<int>(images, "id") == std::vector<int>{b, c, d});
    CHECK(field_of_each<int>(images, "display_order") == std::vector<int>{1, 2, 2});
}

TEST_CASE("dev server: reorder numbers by position, makes the first primary and every other image not primary") {
    DevServer server({"--seed-image", "4"});
    json seeded = listing(server, 4);
    REQUIRE(seeded.size() == 1);
    CHECK(seeded[0]["display_order"] == 0);
    CHECK(seeded[0]["is_primary"] == true);
    int seed = seeded[0]["id"];
    int x = upload(server, 4, "x.jpg", jpeg(1), "is_primary=true").body["id"];
    int y = upload(server, 4, "y.jpg", jpeg(2)).body["id"];
    REQUIRE(field_of_each<bool>(listing(server, 4), "is_primary") == std::vector<bool>{false, true, false});

    std::string body = json::array({y, seed}).dump();
    Answer done = reorder(server, 4, body);
    CHECK(done.status == 200);
    CHECK(done.body == json{{"message", "Images reordered successfully"}, {"order", {y, seed}}});

    // x was left out: it keeps its number (1, now shared with the seed, after which it lists
    // by id) but loses the primary flag all the same.
    json images = listing(server, 4);
    CHECK(field_of_each<int>(images, "id") == std::vector<int>{y, seed, x});
    CHECK(field_of_each<int>(images, "display_order") == std::vector<int>{0, 1, 1});
    CHECK(field_of_each<bool>(images, "is_primary") == std::vector<bool>{true, false, false});
    auto client = api_client(server);
    Answer primary = answer_of(client.Get("/api/v1/books/4/images/primary"));
    CHECK(primary.status == 200);
    CHECK(primary.body["id"] == y);

    // The inspection route shows the same final state.
    json stored = server.images()["4"];
    REQUIRE(stored.size() == 3);
    CHECK(field_of_each<int>(stored, "display_order") == std::vector<int>{1, 1, 0});
    CHECK(field_of_each<bool>(stored, "is_primary") == std::vector<bool>{false, false, true});

    // The request log has the PUT and the size of what it carried.
    auto puts = server.requests_to("/api/v1/books/4/images/reorder");
    REQUIRE(puts.size() == 1);
    CHECK(puts[0]["method"] == "PUT");
    CHECK(puts[0]["status"] == 200);
    CHECK(puts[0]["body_bytes"] == body.size());
}

TEST_CASE("dev server: a reorder with another book's image is 400 and changes nothing, bad bodies are 422 and an empty list is a no-op") {
    DevServer server;
    int x = upload(server, 4, "x.jpg", jpeg(1)).body["id"];
    int y = upload(server, 4, "y.jpg", jpeg(2)).body["id"];
    int elsewhere = upload(server, 6, "z.jpg", jpeg(3)).body["id"];
    json before = listing(server, 4);

    Answer foreign = reorder(server, 4, json::array({y, elsewhere}).dump());
    CHECK(foreign.status == 400);
    CHECK(foreign.body == json{{"detail", "Some image IDs do not belong to this book"}});
    CHECK(listing(server, 4) == before);

    Answer not_a_list = reorder(server, 4, R"({"ids": [1]})");
    CHECK(not_a_list.status == 422);
    CHECK(not_a_list.body["detail"][0]["loc"] == json{"body"});
    Answer not_integers = reorder(server, 4, json::array({x, "two"}).dump());
    CHECK(not_integers.status == 422);
    CHECK(not_integers.body["detail"][0]["loc"] == json{"body", 1});
    CHECK(reorder(server, 4, "[1,").status == 422);
    CHECK(listing(server, 4) == before);

    Answer empty = reorder(server, 4, "[]");
    CHECK(empty.status == 200);
    CHECK(empty.body == json{{"message", "Images reordered successfully"}, {"order", json::array()}});
    CHECK(listing(server, 4) == before);

    Answer no_book = reorder(server, 999, json::array({x}).dump());
    CHECK(no_book.status == 404);
    CHECK(no_book.body == json{{"detail", "Book not found"}});
}

TEST_CASE("dev server: the listing's shape, the primary's fallback, PUT edits and is_primary on upload") {
    DevServer server;
    auto client = api_client(server);
    CHECK(answer_of(client.Get("/api/v1/books/8/images/primary")).status == 404);
    CHECK(answer_of(client.Get("/api/v1/books/999/images")).body == json{{"detail", "Book not found"}});

    int first = upload(server, 8, "first.jpg", jpeg(1)).body["id"];
    int second = upload(server, 8, "second.jpg", jpeg(2), "caption=Spine").body["id"];
    json images = listing(server, 8);
    REQUIRE(images.size() == 2);
    CHECK(images[0] == json{{"id", first},
                            {"s3_key", "books/8/" + std::to_string(first) + ".jpg"},
                            {"original_filename", "first.jpg"},
                            {"url", "/images/8/" + std::to_string(first) + ".jpg"},
                            {"thumbnail_url", "/images/8/" + std::to_string(first) + "_thumb.jpg"},
                            {"image_type", "detail"},
                            {"display_order", 0},
                            {"is_primary", false},
                            {"caption", nullptr}});
    CHECK(images[1]["caption"] == "Spine");
    // No image is primary: the first by display_order stands in.
    CHECK(answer_of(client.Get("/api/v1/books/8/images/primary")).body["id"] == first);

    std::string second_path = "/api/v1/books/8/images/" + std::to_string(second);
    Answer edited = answer_of(client.Put((second_path + "?is_primary=true&display_order=-1&image_type=spine").c_str(), "", "text/plain"));
    CHECK(edited.status == 200);
    CHECK(edited.body["id"] == second);
    CHECK(edited.body["display_order"] == -1);
    CHECK(edited.body["image_type"] == "spine");
    CHECK(edited.body["is_primary"] == true);
    CHECK(field_of_each<int>(listing(server, 8), "id") == std::vector<int>{second, first});
    CHECK(answer_of(client.Put((second_path + "?display_order=soon").c_str(), "", "text/plain")).status == 422);
    CHECK(answer_of(client.Put("/api/v1/books/8/images/99999?caption=x", "", "text/plain")).status == 404);

    // is_primary=true on upload takes the flag from every other image of the book.
    Answer third = upload(server, 8, "third.jpg", jpeg(3), "is_primary=true");
    CHECK(third.body["is_primary"] == true);
    CHECK(field_of_each<bool>(listing(server, 8), "is_primary") == std::vector<bool>{false, false, true});
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

    Answer reorder_slash = answer_of(keyless.Put("/api/v1/books/4/images/reorder/", "[]", "application/json"));
    CHECK(reorder_slash.status == 307);
    CHECK(reorder_slash.location == server.origin() + "/api/v1/books/4/images/reorder");

    Answer unknown = answer_of(keyless.Get("/api/v1/nothing/here/"));
    CHECK(unknown.status == 404);
    CHECK(unknown.body == json{{"detail", "Not Found"}});

    // Recorded like any request, with the status it got.
    auto seen = server.requests_to("/api/v1/books/3/images/");
    REQUIRE(seen.size() == 1);
    CHECK(seen[0]["status"] == 307);
    CHECK(seen[0]["query"] == "page=2&type=cover");
}

TEST_CASE("dev server: --null-optional-fields answers null where a fresh store may leave fields unset, never on a duplicate") {
    DevServer server({"--null-optional-fields"});
    const std::string photo = jpeg(1);
    Answer fresh = upload(server, 1, "a.jpg", photo);
    CHECK(fresh.status == 201);
    for (const char* field : {"thumbnail_status", "thumbnail_error", "duplicate", "message"}) {
        CAPTURE(field);
        REQUIRE(fresh.body.contains(field));
        CHECK(fresh.body[field].is_null());
    }

    Answer repeat = upload(server, 1, "a-again.jpg", photo);
    CHECK(repeat.status == 201);
    CHECK(repeat.body["id"] == fresh.body["id"]);
    CHECK(repeat.body["duplicate"] == true);
    CHECK(repeat.body["thumbnail_status"] == "skipped");
    CHECK(repeat.body["message"] == "Image already exists (identical content)");

    // A thumbnail failure is still reported: the real server says why.
    Answer broken = upload(server, 1, "broken.jpg", "not an image at all");
    CHECK(broken.status == 201);
    CHECK(broken.body["thumbnail_status"] == "failed");
    CHECK(broken.body["thumbnail_error"].is_string());
    CHECK(broken.body["duplicate"].is_null());
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

namespace devserver_cdn_test {

httplib::Client plain_client(const std::string& host, int port) {
    httplib::Client client(host, port);
    client.set_connection_timeout(5);
    client.set_read_timeout(20);
    return client;
}

}  // namespace devserver_cdn_test

TEST_CASE("--cdn-host puts image URLs on a second loopback origin, which /file and /thumbnail redirect to") {
    DevServer server({"--cdn-host", "127.0.0.2"});
    const std::string photo = jpeg(3);
    Answer stored = upload(server, 4, "plate.jpg", photo);
    REQUIRE(stored.status == 201);
    const int id = stored.body["id"].get<int>();

    json entry = listing(server, 4).at(0);
    const std::string url = entry["url"].get<std::string>();
    CHECK(url.rfind("http://127.0.0.2:", 0) == 0);
    CHECK(entry["thumbnail_url"].get<std::string>().rfind("http://127.0.0.2:", 0) == 0);

    auto client = api_client(server);
    Answer file = answer_of(client.Get(fmt::format("/api/v1/books/4/images/{}/file", id).c_str()));
    CHECK(file.status == 302);
    CHECK(file.location == url);
    Answer thumbnail = answer_of(client.Get(fmt::format("/api/v1/books/4/images/{}/thumbnail", id).c_str()));
    CHECK(thumbnail.status == 302);
    CHECK(thumbnail.location == entry["thumbnail_url"]);
    CHECK(answer_of(client.Get(fmt::format("/api/v1/books/4/images/{}/file", id + 1).c_str())).status == 404);
    CHECK(answer_of(client.Get(fmt::format("/api/v1/books/999/images/{}/file", id).c_str())).status == 404);
    CHECK(answer_of(devserver_cdn_test::plain_client("127.0.0.1", server.port()).Get(fmt::format("/api/v1/books/4/images/{}/file", id).c_str()))
              .status == 401);

    // The CDN serves the stored bytes with the type their magic bytes say, and logs that no key came.
    const auto after_scheme = url.substr(std::string("http://127.0.0.2:").size());
    const int cdn_port = std::stoi(after_scheme);
    const std::string path = after_scheme.substr(after_scheme.find('/'));
    auto cdn_answer = devserver_cdn_test::plain_client("127.0.0.2", cdn_port).Get(path.c_str());
    REQUIRE(cdn_answer);
    CHECK(cdn_answer->status == 200);
    CHECK(cdn_answer->body == photo);
    CHECK(cdn_answer->get_header_value("Content-Type") == "image/jpeg");
    // A client that wrongly sends the key there is seen doing so.
    auto leaky = devserver_cdn_test::plain_client("127.0.0.2", cdn_port);
    leaky.set_default_headers({{"X-API-Key", test_key}});
    CHECK(leaky.Get(path.c_str())->status == 200);

    json cdn_log = server.get_json("/_dev/cdn");
    REQUIRE(cdn_log.size() == 2);
    CHECK(cdn_log[0]["path"] == path);
    CHECK(cdn_log[0]["status"] == 200);
    CHECK(cdn_log[0]["x_api_key"] == false);
    CHECK(cdn_log[1]["x_api_key"] == true);
    CHECK(server.requests_to("/images/").empty());
}
