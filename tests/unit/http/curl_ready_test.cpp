// libcurl is linked, checked once for the version bmx-api needs, and every option it refuses is an error.
#include <doctest/doctest.h>

#include "http/curl_handles.hpp"
#include "http/url.hpp"

using namespace bmx::http;

TEST_CASE("a libcurl older than 7.85.0 is a setup error naming the version found and the one needed") {
    auto old = check_libcurl_version(CURL_VERSION_BITS(7, 84, 0), "7.84.0");
    REQUIRE_FALSE(old);
    CHECK(old.error().stage == bmx::Stage::setup);
    CHECK(old.error().message == "libcurl 7.84.0 is too old: bmx-api needs libcurl 7.85.0 or newer (for CURLOPT_PROTOCOLS_STR)");
    CHECK(check_libcurl_version(CURL_VERSION_BITS(7, 85, 0), "7.85.0"));
    CHECK(check_libcurl_version(CURL_VERSION_BITS(8, 0, 1), "8.0.1"));
}

TEST_CASE("the libcurl bmx-api runs with is ready") {
    CHECK(ensure_curl_ready());
    CHECK(ensure_curl_ready());  // asked again: the same answer, curl_global_init not run twice
}

TEST_CASE("an option libcurl refuses is an error naming the option and the reason") {
    REQUIRE(ensure_curl_ready());
    EasyHandle easy(curl_easy_init());
    REQUIRE(easy);
    CHECK(set_option(easy.get(), CURLOPT_PROTOCOLS_STR, "http,https"));
    auto refused = set_option(easy.get(), CURLOPT_PROTOCOLS_STR, "gopher-over-carrier-pigeon");
    REQUIRE_FALSE(refused);
    CHECK(refused.error().stage == bmx::Stage::setup);
    CHECK(refused.error().message.find("libcurl refused CURLOPT_PROTOCOLS_STR: ") == 0);
}

TEST_CASE("query values are percent-encoded") {
    REQUIRE(ensure_curl_ready());
    CHECK(url_escape("title page & spine") == "title%20page%20%26%20spine");
    CHECK(url_escape("plain") == "plain");
}
