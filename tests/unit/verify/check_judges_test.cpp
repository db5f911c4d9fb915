// The verify checks' judgements: what passes, what warns, and what a failure says.
#include <doctest/doctest.h>

#include "support/text.hpp"
#include "verify/books_check.hpp"
#include "verify/deep_check.hpp"
#include "verify/environment_check.hpp"
#include "verify/image_check.hpp"
#include "verify/version_check.hpp"

using namespace bmx::verify;
using bmx::http::HttpResponse;
using bmx::testing::contains;
using nlohmann::json;

namespace {

HttpResponse http_answer(long status, std::string body, std::vector<std::pair<std::string, std::string>> headers = {}) {
    HttpResponse response;
    response.status = status;
    response.status_line = "HTTP/1.1 " + std::to_string(status);
    response.body = std::move(body);
    response.headers = std::move(headers);
    return response;
}

}  // namespace

TEST_CASE("a /health/version answer is read for its version and environment") {
    auto read = read_version_answer(http_answer(200, R"({"version":"3.8.0","environment":"production","git_sha":"abc"})"));
    REQUIRE(read.ok());
    CHECK(read->version == "3.8.0");
    CHECK(read->environment == "production");
    CHECK_FALSE(read_version_answer(http_answer(502, "<html>Bad Gateway</html>")).ok());
    CHECK_FALSE(read_version_answer(http_answer(200, R"({"status":"ok"})")).ok());
}

TEST_CASE("the version arrives when it equals the expected one, or on any answer without one") {
    VersionAnswer answer{"3.7.3", "staging"};
    CHECK_FALSE(version_arrived(answer, std::string("3.8.0")));
    CHECK(version_arrived(answer, std::string("3.7.3")));
    CHECK(version_arrived(answer, std::nullopt));
}

TEST_CASE("the environment must match exactly and the failure says expected and got") {
    CHECK(judge_environment({"1.0", "production"}, "production").status == CheckStatus::passed);
    auto wrong = judge_environment({"1.0", "staging"}, "production");
    CHECK(wrong.status == CheckStatus::failed);
    CHECK(wrong.detail == "expected environment production, got staging");
    CHECK(judge_environment({"1.0", ""}, "production").status == CheckStatus::failed);
}

TEST_CASE("deep health: healthy passes, degraded warns and unhealthy fails naming each failing check and its error") {
    CHECK(judge_deep(http_answer(200, R"({"status":"healthy","checks":{"database":{"status":"healthy"}}})")).status ==
          CheckStatus::passed);

    auto degraded = judge_deep(http_answer(200, R"({"status":"degraded","checks":{"queue":{"status":"degraded","error":"slow"}}})"));
    CHECK(degraded.status == CheckStatus::warning);
    CHECK(degraded.detail == "degraded: queue degraded: slow");

    auto unhealthy = judge_deep(http_answer(200, R"({"status":"unhealthy","checks":{
        "database":{"status":"unhealthy","error":"connection refused"},
        "queue":{"status":"healthy"},
        "storage":{"status":"unhealthy","error":"bucket missing"}}})"));
    CHECK(unhealthy.status == CheckStatus::failed);
    CHECK(contains(unhealthy.detail, "database unhealthy: connection refused"));
    CHECK(contains(unhealthy.detail, "storage unhealthy: bucket missing"));
    CHECK_FALSE(contains(unhealthy.detail, "queue"));
}

TEST_CASE("deep health: a 503 with a report is judged by the report, and one without fails with the HTTP status") {
    auto with_report = judge_deep(http_answer(503, R"({"status":"unhealthy","checks":{"database":{"status":"unhealthy","error":"down"}}})"));
    CHECK(with_report.status == CheckStatus::failed);
    CHECK(contains(with_report.detail, "database unhealthy: down"));
    auto bare = judge_deep(http_answer(503, "Service Unavailable"));
    CHECK(bare.status == CheckStatus::failed);
    CHECK(contains(bare.detail, "HTTP 503"));
    CHECK(judge_deep(http_answer(200, R"({"status":"exploded"})")).status == CheckStatus::failed);
}

TEST_CASE("books: 200 passes with the count and anything else fails with expected and got") {
    auto ok = judge_books(http_answer(200, R"({"items":[{"id":1}],"total":57,"page":1,"per_page":1,"pages":57})"));
    CHECK(ok.status == CheckStatus::passed);
    CHECK(ok.detail == "HTTP 200, 57 books");
    auto refused = judge_books(http_answer(401, R"({"detail":"Authentication required"})"));
    CHECK(refused.status == CheckStatus::failed);
    CHECK(contains(refused.detail, "expected HTTP 200, got HTTP 401"));
    CHECK(contains(refused.detail, "Authentication required"));
}

TEST_CASE("the first book with a primary image is found and books without images are passed over") {
    json page{{"items",
               {{{"id", 1}, {"image_count", 0}, {"primary_image_url", nullptr}},
                {{"id", 2}, {"image_count", 2}, {"primary_image_url", "/images/2/5.jpg"}},
                {{"id", 3}, {"image_count", 1}, {"primary_image_url", "https://cdn.example/3.jpg"}}}}};
    CHECK(first_primary_image_url(page) == std::optional<std::string>("/images/2/5.jpg"));
    json none{{"items", {{{"id", 1}, {"image_count", 0}, {"primary_image_url", nullptr}}}}};
    CHECK_FALSE(first_primary_image_url(none).has_value());
    CHECK_FALSE(first_primary_image_url(json{{"detail", "nope"}}).has_value());
}

TEST_CASE("the image HEAD passes below 400 with content-type image/* and fails otherwise, saying what came back") {
    std::string url = "https://cdn.example/3.jpg";
    CHECK(judge_image_head(url, http_answer(200, "", {{"Content-Type", "image/jpeg"}})).status == CheckStatus::passed);
    auto html = judge_image_head(url, http_answer(200, "", {{"content-type", "text/html; charset=utf-8"}}));
    CHECK(html.status == CheckStatus::failed);
    CHECK(contains(html.detail, "text/html"));
    auto missing = judge_image_head(url, http_answer(404, "", {{"Content-Type", "image/jpeg"}}));
    CHECK(missing.status == CheckStatus::failed);
    CHECK(contains(missing.detail, "HTTP 404"));
    CHECK(contains(missing.detail, url));
}
