// How HTTP error answers are put into one line for stderr.
#include <doctest/doctest.h>

#include "api/http_error.hpp"

using namespace bmx;

TEST_CASE("an error answer is described by its status and the API's detail") {
    http::HttpResponse response;
    response.status = 404;
    response.status_line = "HTTP/1.1 404 Not Found";
    response.body = R"({"detail":"Book not found"})";
    auto error = api::http_error(response);
    CHECK(error.stage == Stage::http);
    CHECK(error.http_status == 404);
    CHECK(error.message == "HTTP 404 Not Found: Book not found");
}

TEST_CASE("FastAPI validation details become 'location: message'") {
    std::string body = R"({"detail":[{"loc":["body","file"],"msg":"field required","type":"value_error.missing"}]})";
    CHECK(api::response_detail(body) == "body.file: field required");
}

TEST_CASE("X-BMX-Warning splits into one warning per semicolon-separated part") {
    http::HttpResponse response;
    response.headers = {{"X-BMX-Warning", "first thing; second thing ;"}};
    auto warnings = api::server_warnings(response);
    REQUIRE(warnings.size() == 2);
    CHECK(warnings[0] == "first thing");
    CHECK(warnings[1] == "second thing");
}

TEST_CASE("HTTP/2 status lines without a reason phrase still read well") {
    http::HttpResponse response;
    response.status = 500;
    response.status_line = "HTTP/2 500";
    response.body = "upstream exploded";
    CHECK(api::http_error(response).message == "HTTP 500: upstream exploded");
}

TEST_CASE("a detail nested 85,000 levels deep is described, never formatted") {
    http::HttpResponse response;
    response.status = 422;
    response.status_line = "HTTP/1.1 422 Unprocessable Entity";
    std::string body;
    for (int i = 0; i < 85000; ++i) body += R"({"detail":[)";
    for (int i = 0; i < 85000; ++i) body += "]}";
    response.body = body;
    auto error = api::http_error(response);
    CHECK(error.stage == Stage::http);
    CHECK(error.message == "HTTP 422 Unprocessable Entity: (an answer nested deeper than 1000 levels, not read)");
}

TEST_CASE("FastAPI's bare Not Found is an unknown route, worded so, with the URL asked for") {
    http::HttpResponse response;
    response.status = 404;
    response.status_line = "HTTP/1.1 404 Not Found";
    response.body = R"({"detail":"Not Found"})";
    response.effective_url = "https://staging.api.bluemoxon.com/books/123";
    CHECK(api::http_error(response).message ==
          "HTTP 404 Not Found: route not found: check the path and the base URL (https://staging.api.bluemoxon.com/books/123)");
    // The same words with another status are only the server's words.
    response.status = 410;
    response.status_line = "HTTP/1.1 410 Gone";
    CHECK(api::http_error(response).message == "HTTP 410 Gone: Not Found");
}

TEST_CASE("a 401 from another origin than the API's says the key was not sent there") {
    http::HttpResponse response;
    response.status = 401;
    response.status_line = "HTTP/1.1 401 Unauthorized";
    response.body = R"({"detail":"Authentication required"})";
    response.effective_url = "https://cdn.example.test/images/1.jpg";
    auto elsewhere = api::unauthorized_off_origin(response, "https://api.bluemoxon.com:443");
    REQUIRE(elsewhere.has_value());
    CHECK(elsewhere->http_status == 401);
    CHECK(elsewhere->message ==
          "HTTP 401 Unauthorized from https://cdn.example.test:443, which the request was redirected to; the API key is not "
          "sent to another origin, so this is not a verdict on the key (it said: Authentication required)");
    response.effective_url = "https://api.bluemoxon.com/api/v1/books";
    CHECK_FALSE(api::unauthorized_off_origin(response, "https://api.bluemoxon.com:443").has_value());
    response.status = 403;
    response.effective_url = "https://cdn.example.test/images/1.jpg";
    CHECK_FALSE(api::unauthorized_off_origin(response, "https://api.bluemoxon.com:443").has_value());
}

TEST_CASE("the 404 of a book's analysis status names the POST that starts a job, and nothing else does") {
    http::HttpResponse response;
    response.status = 404;
    response.body = R"({"detail":"No analysis job found for this book"})";
    response.effective_url = "https://staging.api.bluemoxon.com/api/v1/books/42/analysis/status?x=1";
    CHECK(api::next_step_for(response) ==
          "no analysis job has been started for book 42; this starts one: bmx-api POST /books/42/analysis/generate-async "
          "'{\"model\": \"opus\"}'");
    http::HttpResponse book_missing = response;
    book_missing.body = R"({"detail":"Book not found"})";
    CHECK(api::next_step_for(book_missing).empty());
    http::HttpResponse other_path = response;
    other_path.effective_url = "https://staging.api.bluemoxon.com/api/v1/books/42/images";
    CHECK(api::next_step_for(other_path).empty());
    http::HttpResponse not_404 = response;
    not_404.status = 500;
    CHECK(api::next_step_for(not_404).empty());
}
