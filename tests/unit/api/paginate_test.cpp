// --paginate's pure parts: the page query, the pagination fields it needs, and the merge.
#include <doctest/doctest.h>

#include "api/paginate.hpp"

using namespace bmx::api;
using nlohmann::json;

TEST_CASE("page_url sets page, keeps the user's per_page and other parameters, and adds per_page=100 otherwise") {
    CHECK(page_url("http://h/api/v1/books", 1, 100) == "http://h/api/v1/books?per_page=100&page=1");
    CHECK(page_url("http://h/api/v1/books?per_page=20", 3, 100) == "http://h/api/v1/books?per_page=20&page=3");
    CHECK(page_url("http://h/api/v1/books?sort=title&page=7&per_page=5", 2, 100) ==
          "http://h/api/v1/books?sort=title&per_page=5&page=2");
    CHECK(page_url("http://h/api/v1/books?&status=ON_HAND&", 2, 50) == "http://h/api/v1/books?status=ON_HAND&per_page=50&page=2");
    // "pages=" and "per_page=" are not "page=".
    CHECK(page_url("http://h/b?pages=9", 4, 10) == "http://h/b?pages=9&per_page=10&page=4");
}

TEST_CASE("read_page_info reads {items, total, page, per_page, pages}") {
    auto info = read_page_info(json{{"items", json::array()}, {"total", 57}, {"page", 1}, {"per_page", 20}, {"pages", 3}});
    REQUIRE(info.ok());
    CHECK(info->total == 57);
    CHECK(info->pages == 3);
    CHECK(info->per_page == 20);
}

TEST_CASE("an answer without the pagination fields is an answer error naming the missing one") {
    auto version = read_page_info(json{{"version", "3.8.0"}});
    REQUIRE_FALSE(version.ok());
    CHECK(version.error().stage == bmx::Stage::answer);
    CHECK(version.error().message.find("'items'") != std::string::npos);

    auto no_pages = read_page_info(json{{"items", json::array()}, {"total", 1}, {"page", 1}, {"per_page", 20}});
    REQUIRE_FALSE(no_pages.ok());
    CHECK(no_pages.error().message.find("'pages'") != std::string::npos);

    CHECK_FALSE(read_page_info(json::array()).ok());
}

TEST_CASE("merge_pages keeps every item in page order and the first page's total") {
    std::vector<json> pages{json{{"items", {1, 2}}, {"total", 5}, {"page", 1}, {"per_page", 2}, {"pages", 3}},
                            json{{"items", {3, 4}}, {"total", 5}, {"page", 2}, {"per_page", 2}, {"pages", 3}},
                            json{{"items", {5}}, {"total", 5}, {"page", 3}, {"per_page", 2}, {"pages", 3}}};
    json merged = merge_pages(pages);
    CHECK(merged == json{{"items", {1, 2, 3, 4, 5}}, {"total", 5}});
}
