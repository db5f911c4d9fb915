// An upload's answer read against the ImageUploadResponse contract, and the answers about the whole batch.
#include <doctest/doctest.h>

#include <string>

#include "upload/upload_answer.hpp"

namespace upload_answer_test {

using bmx::Stage;
using bmx::http::HttpResponse;
using bmx::upload::is_batch_answer;
using bmx::upload::read_upload_answer;

HttpResponse answer_with(long status, std::string body) {
    HttpResponse response;
    response.status = status;
    response.body = std::move(body);
    return response;
}

// The answer with `id` standing for the id's JSON text.
std::string answer_body_with_id(const std::string& id) {
    return R"({"id": )" + id + R"(, "url": "/api/v1/books/1/images/5/file", "thumbnail_url": null, "image_type": "detail",
               "is_primary": false, "thumbnail_status": "generated", "thumbnail_error": null, "duplicate": false,
               "message": null})";
}

// The refusal for that body: stage answer, the status kept, and the reason.
std::string refusal_for(const std::string& body) {
    auto read = read_upload_answer(answer_with(201, body));
    if (read.ok()) {
        FAIL_CHECK("the answer was taken: " << body);
        return {};
    }
    CHECK(read.error().stage == Stage::answer);
    CHECK(read.error().http_status == 201);
    CHECK(read.error().message.find("not with an ImageUploadResponse") != std::string::npos);
    return read.error().message;
}

bool mentions(const std::string& message, const std::string& words) { return message.find(words) != std::string::npos; }

TEST_CASE("a full upload answer is read field by field") {
    auto read = read_upload_answer(answer_with(201, R"json({"id": 42, "url": "/api/v1/books/1/images/42/file",
        "thumbnail_url": "/api/v1/books/1/images/42/thumbnail", "image_type": "title_page", "is_primary": true,
        "thumbnail_status": "failed", "thumbnail_error": "cannot identify image file", "duplicate": true,
        "message": "Image already exists (identical content)"})json"));
    REQUIRE(read.ok());
    CHECK(read->id == 42);
    CHECK(read->url == "/api/v1/books/1/images/42/file");
    CHECK(read->thumbnail_url == "/api/v1/books/1/images/42/thumbnail");
    CHECK(read->image_type == "title_page");
    CHECK(read->is_primary == true);
    CHECK(read->thumbnail_status == "failed");
    CHECK(read->thumbnail_error == "cannot identify image file");
    CHECK(read->duplicate == true);
    CHECK(read->message == "Image already exists (identical content)");
}

TEST_CASE("an upload answer with null optional fields is taken, the nulls as absent") {
    auto read = read_upload_answer(answer_with(201, R"({"id": 7, "url": null, "thumbnail_url": null, "image_type": null,
        "is_primary": null, "thumbnail_status": null, "thumbnail_error": null, "duplicate": null, "message": null})"));
    REQUIRE(read.ok());
    CHECK(read->id == 7);
    CHECK_FALSE(read->url.has_value());
    CHECK_FALSE(read->is_primary.has_value());
    CHECK_FALSE(read->thumbnail_status.has_value());
    CHECK_FALSE(read->duplicate.has_value());
    CHECK_FALSE(read->message.has_value());
}

TEST_CASE("an upload answer that is not JSON is stage answer") {
    CHECK(mentions(refusal_for("<html><body>502 Bad Gateway</body></html>"), "not JSON"));
    CHECK(mentions(refusal_for(""), "not JSON"));
}

TEST_CASE("an upload answer that is a JSON array is stage answer") {
    CHECK(mentions(refusal_for(R"([{"id": 5}])"), "JSON array, not an object"));
}

TEST_CASE("an upload answer without an id, or with a null id, is stage answer") {
    CHECK(mentions(refusal_for(R"({"url": "/x", "duplicate": false})"), "no image id"));
    CHECK(mentions(refusal_for(answer_body_with_id("null")), "no image id"));
}

TEST_CASE("an upload answer whose id is 0 or negative is stage answer") {
    CHECK(mentions(refusal_for(answer_body_with_id("0")), "not a positive integer"));
    CHECK(mentions(refusal_for(answer_body_with_id("-5")), "not a positive integer"));
}

TEST_CASE("an upload answer whose id is a string, a float or over LLONG_MAX is stage answer") {
    CHECK(mentions(refusal_for(answer_body_with_id(R"("5")")), "not an integer"));
    CHECK(mentions(refusal_for(answer_body_with_id("5.0")), "not an integer"));
    CHECK(mentions(refusal_for(answer_body_with_id("5.5")), "not an integer"));
    CHECK(mentions(refusal_for(answer_body_with_id("9223372036854775808")), "not an integer"));
    CHECK(mentions(refusal_for(answer_body_with_id("18446744073709551615")), "not an integer"));
    CHECK(mentions(refusal_for(answer_body_with_id("99999999999999999999999")), "not an integer"));
}

TEST_CASE("an upload answer whose id is LLONG_MAX is taken") {
    auto read = read_upload_answer(answer_with(201, answer_body_with_id("9223372036854775807")));
    REQUIRE(read.ok());
    CHECK(read->id == 9223372036854775807LL);
}

TEST_CASE("an upload answer with a field of the wrong type is stage answer, naming the field but not echoing its value") {
    std::string body = R"({"id": 5, "is_primary": "yes", "thumbnail_status": "generated"})";
    std::string message = refusal_for(body);
    CHECK(mentions(message, "is_primary"));
    CHECK(mentions(message, "string"));
    CHECK_FALSE(mentions(message, "yes"));
    CHECK(mentions(refusal_for(R"({"id": 5, "duplicate": 1})"), "duplicate"));
    CHECK(mentions(refusal_for(R"({"id": 5, "url": {"href": "/x"}})"), "url"));
}

TEST_CASE("an upload answer whose thumbnail_status is none of generated, failed or skipped is stage answer") {
    for (const char* status : {"pending", "Generated", ""}) {
        CAPTURE(status);
        std::string message = refusal_for(std::string(R"({"id": 5, "thumbnail_status": ")") + status + R"("})");
        CHECK(mentions(message, "thumbnail_status"));
    }
    for (const char* status : {"generated", "failed", "skipped"}) {
        CAPTURE(status);
        CHECK(read_upload_answer(answer_with(201, std::string(R"({"id": 5, "thumbnail_status": ")") + status + R"("})")).ok());
    }
}

TEST_CASE("401, 403 and 404 are answers about the whole batch, and 400, 409, 413 and 500 are about one file") {
    for (long status : {401L, 403L, 404L}) {
        CAPTURE(status);
        CHECK(is_batch_answer(answer_with(status, R"({"detail": "Not Found"})")));
    }
    for (long status : {400L, 409L, 413L, 422L, 500L, 201L}) {
        CAPTURE(status);
        CHECK_FALSE(is_batch_answer(answer_with(status, R"({"detail": "no"})")));
    }
}

}  // namespace upload_answer_test
