// bmx-devserver's scripted contract breaks do what their --help says: refused image POSTs,
// bogus upload answers over a stored image, reorder answers that do not confirm; and the
// request log shows a PUT's body.
#include <doctest/doctest.h>

#include <string>

#include <httplib.h>

#include "harness.hpp"

// Named, not anonymous: the unity build puts this file beside others with helpers of these names.
namespace devserver_answer_faults {

using namespace bmx::testing;
using nlohmann::json;

struct Reply {
    int status = -1;  // -1: no answer at all
    std::string body;
    std::string content_type;
};

httplib::Client keyed_client(const ServerProcess& server) {
    httplib::Client client("127.0.0.1", server.port());
    client.set_connection_timeout(5);
    client.set_read_timeout(20);
    client.set_default_headers({{"X-API-Key", test_key}});
    return client;
}

Reply reply_of(const httplib::Result& result) {
    if (!result) return {};
    return {result->status, result->body, result->get_header_value("Content-Type")};
}

Reply post_image(const ServerProcess& server, int book, const std::string& filename, int seed) {
    auto client = keyed_client(server);
    httplib::MultipartFormDataItems items{{"file", make_image_bytes("jpeg", 48, 32, seed), filename, "image/jpeg"}};
    return reply_of(client.Post(("/api/v1/books/" + std::to_string(book) + "/images").c_str(), items));
}

json stored_images(const ServerProcess& server, int book) {
    json images = server.images();
    return images.contains(std::to_string(book)) ? images[std::to_string(book)] : json::array();
}

TEST_CASE("dev server: --refuse-images-after N:STATUS stores the first N image POSTs and refuses every later one") {
    for (const auto& refusal : std::vector<std::pair<int, std::string>>{
             {404, "Book not found"}, {401, "Authentication required"}, {403, "Not enough permissions"}}) {
        // Plain names, not a structured binding: doctest's INFO captures them in a lambda (clang 14).
        const int status = refusal.first;
        const std::string& detail = refusal.second;
        INFO("status " << status);
        DevServer server({"--refuse-images-after", "2:" + std::to_string(status)});
        std::vector<int> answered;
        for (int i = 0; i < 4; ++i) {
            Reply reply = post_image(server, 3, std::to_string(i) + ".jpg", 40 + i);
            answered.push_back(reply.status);
            if (i >= 2) CHECK(json::parse(reply.body, nullptr, false) == json{{"detail", detail}});
        }
        CHECK(answered == std::vector<int>{201, 201, status, status});
        CHECK(stored_images(server, 3).size() == 2);
    }
}

TEST_CASE("dev server: --bogus-upload stores the image as usual and breaks only its answer, as MODE says") {
    DevServer server({"--bogus-upload", "html.jpg:not-json", "--bogus-upload", "noid.jpg:no-id", "--bogus-upload",
                      "zero.jpg:zero-id", "--bogus-upload", "text.jpg:string-id", "--bogus-upload", "again.jpg:repeat-id",
                      "--bogus-upload", "types.jpg:wrong-types", "--bogus-upload", "list.jpg:array"});
    Reply first = post_image(server, 4, "first.jpg", 1);
    REQUIRE(first.status == 201);
    const json proper = json::parse(first.body);
    REQUIRE(proper["id"].is_number_integer());

    Reply html = post_image(server, 4, "html.jpg", 2);
    CHECK(html.status == 201);
    CHECK(html.body == "<html>upstream hiccup</html>");
    CHECK(html.content_type.rfind("text/html", 0) == 0);

    json noid = json::parse(post_image(server, 4, "noid.jpg", 3).body);
    CHECK_FALSE(noid.contains("id"));
    CHECK(noid.contains("url"));
    CHECK(json::parse(post_image(server, 4, "zero.jpg", 4).body)["id"] == 0);

    json images = stored_images(server, 4);
    REQUIRE(images.size() == 4);
    json text = json::parse(post_image(server, 4, "text.jpg", 5).body);
    REQUIRE(text["id"].is_string());
    CHECK(std::stoll(text["id"].get<std::string>()) > images.back()["id"].get<long long>());

    // repeat-id answers the id of the image stored just before it: text.jpg's.
    json again = json::parse(post_image(server, 4, "again.jpg", 6).body);
    CHECK(again["id"] == std::stoll(text["id"].get<std::string>()));

    json types = json::parse(post_image(server, 4, "types.jpg", 7).body);
    CHECK(types["is_primary"] == "yes");
    CHECK(types["duplicate"] == "no");
    CHECK(types["id"].is_number_integer());

    Reply list = post_image(server, 4, "list.jpg", 8);
    CHECK(list.status == 201);
    CHECK(json::parse(list.body) == json::array({1}));

    // Every one of them was stored; the same content under a proper name is a plain duplicate.
    CHECK(stored_images(server, 4).size() == 8);
    json duplicate = json::parse(post_image(server, 4, "plain.jpg", 7).body);
    CHECK(duplicate["duplicate"] == true);
    CHECK(duplicate["is_primary"] == false);
}

TEST_CASE("dev server: --reorder-answer applies the order in every mode and answers as asked, and the log shows the PUT's body") {
    for (const std::string mode : {"normal", "wrong-order", "not-json"}) {
        INFO("--reorder-answer " << mode);
        DevServer server({"--reorder-answer", mode});
        std::vector<long long> ids;
        for (int i = 0; i < 3; ++i) ids.push_back(json::parse(post_image(server, 5, std::to_string(i) + ".jpg", 60 + i).body)["id"]);
        const json wanted = json::array({ids[2], ids[0], ids[1]});

        auto client = keyed_client(server);
        Reply reply = reply_of(client.Put("/api/v1/books/5/images/reorder", wanted.dump(), "application/json"));
        CHECK(reply.status == 200);
        if (mode == "not-json") {
            CHECK(reply.body == "ok");
        } else {
            json answered = json::parse(reply.body);
            CHECK(answered["message"] == "Images reordered successfully");
            CHECK(answered["order"] == (mode == "normal" ? wanted : json::array({ids[0], ids[2], ids[1]})));
        }
        json listed = json::parse(client.Get("/api/v1/books/5/images")->body);
        json listed_ids = json::array();
        for (const json& image : listed) listed_ids.push_back(image["id"]);
        CHECK(listed_ids == wanted);

        auto puts = server.requests_to("/api/v1/books/5/images/reorder");
        REQUIRE(puts.size() == 1);
        CHECK(puts[0]["method"] == "PUT");
        CHECK(puts[0]["body"] == wanted.dump());
        auto lists = server.requests_to("/api/v1/books/5/images");
        std::size_t gets = 0;
        for (const json& request : lists) gets += request["method"] == "GET" && request["path"] == "/api/v1/books/5/images";
        CHECK(gets == 1);
        CHECK(lists.front()["body"].is_null());  // a POST's body is not logged, only its parts
    }
}

}  // namespace devserver_answer_faults
