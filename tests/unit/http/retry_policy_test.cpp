// Which failures are retried and how long bmx-api waits.
#include <doctest/doctest.h>

#include "http/request_driver.hpp"
#include "http/retry_policy.hpp"

using namespace bmx::http;

TEST_CASE("408, 429 and 5xx gateway answers are retried, and other statuses are final") {
    for (long status : {408L, 429L, 500L, 502L, 503L, 504L}) CHECK(is_retryable_status(status));
    for (long status : {200L, 201L, 400L, 401L, 404L, 413L, 422L, 501L}) CHECK_FALSE(is_retryable_status(status));
}

TEST_CASE("network failures are retried but TLS failures are not") {
    CHECK(is_retryable_error({bmx::Stage::connect, "refused"}));
    CHECK(is_retryable_error({bmx::Stage::timeout, "slow"}));
    CHECK(is_retryable_error({bmx::Stage::transport, "reset"}));
    CHECK_FALSE(is_retryable_error({bmx::Stage::tls, "bad cert"}));
    CHECK_FALSE(is_retryable_error({bmx::Stage::usage, "bad"}));
}

TEST_CASE("Retry-After in seconds is honoured and capped") {
    HttpResponse response;
    response.headers = {{"Retry-After", "2"}};
    CHECK(retry_after(response, std::chrono::milliseconds(30000)) == std::chrono::milliseconds(2000));
    response.headers = {{"retry-after", "600"}};
    CHECK(retry_after(response, std::chrono::milliseconds(30000)) == std::chrono::milliseconds(30000));
    response.headers = {};
    CHECK_FALSE(retry_after(response, std::chrono::milliseconds(30000)).has_value());
}

TEST_CASE("backoff grows exponentially with jitter inside [half, full] of the ceiling") {
    RetryPolicy policy;
    policy.base_delay = std::chrono::milliseconds(100);
    std::mt19937 random(42);
    for (int retry = 1; retry <= 4; ++retry) {
        long long ceiling = 100LL << (retry - 1);
        for (int i = 0; i < 50; ++i) {
            auto delay = backoff_delay(policy, retry, std::nullopt, random).count();
            CHECK(delay >= ceiling / 2);
            CHECK(delay <= ceiling);
        }
    }
    CHECK(backoff_delay(policy, 3, std::chrono::milliseconds(7), random) == std::chrono::milliseconds(7));
}

TEST_CASE("a 303 turns into a GET, and a 307 keeps the method and body") {
    HttpRequest post;
    post.method = Method::post;
    post.url = "https://api.test/a";
    post.body = "{}";
    post.content_type = "application/json";
    HttpResponse see_other;
    see_other.status = 303;
    see_other.redirect_url = "https://api.test/b";
    auto next = redirected_request(post, see_other);
    REQUIRE(next.has_value());
    CHECK(next->method == Method::get);
    CHECK(next->body.empty());
    HttpResponse temporary = see_other;
    temporary.status = 307;
    auto kept = redirected_request(post, temporary);
    CHECK(kept->method == Method::post);
    CHECK(kept->body == "{}");
    HttpResponse ok;
    ok.status = 200;
    CHECK_FALSE(redirected_request(post, ok).has_value());
}
