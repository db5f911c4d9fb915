// bmx-devserver behaves like the real server where clients trip: 307 for a trailing slash.
#include <doctest/doctest.h>

#include <string>

#include <httplib.h>

#include "harness.hpp"

using namespace bmx::testing;
using nlohmann::json;

namespace {

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

}  // namespace

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
