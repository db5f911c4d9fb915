// Origins, loopback detection and reference resolution: what decides where the key may go.
#include <doctest/doctest.h>

#include "http/redact.hpp"
#include "http/url.hpp"

using namespace bmx::http;

TEST_CASE("origins compare scheme, host and port with default ports filled in") {
    auto a = origin_of("https://API.bluemoxon.com/api/v1/books");
    auto b = origin_of("https://api.bluemoxon.com:443/other");
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(*a == *b);
    CHECK_FALSE(*origin_of("http://api.bluemoxon.com/") == *a);
    CHECK_FALSE(*origin_of("https://cdn.bluemoxon.com/") == *a);
    CHECK_FALSE(*origin_of("https://api.bluemoxon.com:8443/") == *a);
}

TEST_CASE("loopback means localhost, 127.0.0.0/8 and ::1 only") {
    CHECK(is_loopback_host("localhost"));
    CHECK(is_loopback_host("127.0.0.1"));
    CHECK(is_loopback_host("127.9.8.7"));
    CHECK(is_loopback_host("::1"));
    CHECK(is_loopback_host("[::1]"));
    CHECK_FALSE(is_loopback_host("128.0.0.1"));
    CHECK_FALSE(is_loopback_host("127.0.0.1.evil.test"));
    CHECK_FALSE(is_loopback_host("10.0.0.1"));
    CHECK_FALSE(is_loopback_host("localhost.evil.test"));
}

TEST_CASE("the key may travel over https anywhere and over http only to loopback") {
    CHECK(check_key_transport("https://api.bluemoxon.com/api/v1").ok());
    CHECK(check_key_transport("http://127.0.0.1:8000/api/v1").ok());
    CHECK(check_key_transport("http://[::1]:8000/api/v1").ok());
    CHECK_FALSE(check_key_transport("http://api.bluemoxon.com/api/v1").ok());
}

TEST_CASE("relative image URLs resolve against the API origin") {
    CHECK(*resolve_reference("http://127.0.0.1:9/api/v1/books", "/images/1/2.jpg") == "http://127.0.0.1:9/images/1/2.jpg");
    CHECK(*resolve_reference("http://127.0.0.1:9/api/v1", "https://cdn.test/x.jpg") == "https://cdn.test/x.jpg");
}

TEST_CASE("redaction hides every X-API-Key value whatever its case and keeps other headers") {
    std::string head = "GET /api/v1/books HTTP/1.1\r\nHost: h\r\nx-api-key: s3cr3t\r\nX-API-KEY:  s3cr3t\r\nAccept: */*\r\n\r\n";
    std::string redacted = redact_credential_headers(head);
    CHECK(redacted.find("s3cr3t") == std::string::npos);
    CHECK(redacted.find("X-API-Key: <redacted>\r\n") != std::string::npos);
    CHECK(redacted.find("Accept: */*\r\n") != std::string::npos);
    CHECK(redacted.find("GET /api/v1/books HTTP/1.1\r\n") == 0);
}

TEST_CASE("redaction hides Authorization, Cookie, every Proxy-* value and every credential-named header, and only those") {
    std::string head = "GET / HTTP/1.1\r\nauthorization: Bearer tok1\r\nPROXY-AUTHORIZATION: Basic tok2\r\n"
                       "Cookie: session=tok3\r\nX-Authorization-Hint: tok5\r\nProxy-Token: tok4\r\n"
                       "X-Auth-Token: tok6\r\nx-session-id: tok7\r\nX-Client-SECRET: tok8\r\nX-Upstream-Key: tok9\r\n"
                       "X-Request-Id: visible-1\r\nAccept-Language: visible-2\r\n\r\n";
    std::string redacted = redact_credential_headers(head);
    for (const char* secret : {"tok1", "tok2", "tok3", "tok4", "tok5", "tok6", "tok7", "tok8", "tok9"}) {
        INFO(secret);
        CHECK(redacted.find(secret) == std::string::npos);
    }
    CHECK(redacted.find("Authorization: <redacted>\r\n") != std::string::npos);
    CHECK(redacted.find("Proxy-Authorization: <redacted>\r\n") != std::string::npos);
    CHECK(redacted.find("Cookie: <redacted>\r\n") != std::string::npos);
    CHECK(redacted.find("Proxy-Token: <redacted>\r\n") != std::string::npos);
    // Named as given, so a person can see which of their -H headers was hidden.
    CHECK(redacted.find("X-Auth-Token: <redacted>\r\n") != std::string::npos);
    CHECK(redacted.find("x-session-id: <redacted>\r\n") != std::string::npos);
    CHECK(redacted.find("X-Request-Id: visible-1\r\n") != std::string::npos);
    CHECK(redacted.find("Accept-Language: visible-2\r\n") != std::string::npos);
    CHECK(is_credential_header("cookie: a=b"));
    CHECK(is_credential_header("Proxy-Anything: x"));
    CHECK(is_credential_header("X-Cookie-Hint: x"));
    CHECK(is_credential_header("Set-Cookie: a=b"));
    CHECK_FALSE(is_credential_header("X-Request-Id: x"));
    CHECK_FALSE(is_credential_header("Keep-Alive: x"));
    CHECK_FALSE(is_credential_header("no colon"));
}
