// Turning a command line into a request: methods, URLs, bodies, headers and the key.
#include <doctest/doctest.h>

#include <fstream>

#include "env/api_context.hpp"
#include "request/build_request.hpp"
#include "request/json_check.hpp"
#include "support/temp_dir.hpp"

using namespace bmx;
using bmx::http::Method;

namespace {

env::Environment local_environment() {
    env::Environment environment;
    environment.name = "staging";
    environment.base_url = "http://127.0.0.1:8123/api/v1";
    return environment;
}

env::KeyLookup with_key() {
    env::KeyLookup key;
    key.key.emplace("k");
    key.source = "BMX_API_KEY";
    return key;
}

request::RequestOptions options_for(std::string method, std::string path) {
    request::RequestOptions options;
    options.method = std::move(method);
    options.path = std::move(path);
    return options;
}

}  // namespace

TEST_CASE("methods are accepted in any case and anything else is refused by name") {
    CHECK(*request::parse_method("get") == Method::get);
    CHECK(*request::parse_method("Patch") == Method::patch);
    CHECK(*request::parse_method("DELETE") == Method::del);
    CHECK(*request::parse_method("head") == Method::head);
    auto bad = request::parse_method("FETCH");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().stage == Stage::usage);
    CHECK(bad.error().message.find("FETCH") != std::string::npos);
}

TEST_CASE("PATH joins the base URL and keeps its query string as given") {
    auto request = request::build_request(options_for("GET", "/books?page=2&per_page=5&q=a%20b"), local_environment(), with_key());
    REQUIRE(request.ok());
    CHECK(request->url == "http://127.0.0.1:8123/api/v1/books?page=2&per_page=5&q=a%20b");
    auto no_slash = request::build_request(options_for("GET", "books/3"), local_environment(), with_key());
    CHECK(no_slash->url == "http://127.0.0.1:8123/api/v1/books/3");
}

TEST_CASE("a full URL as PATH is a usage error") {
    auto request = request::build_request(options_for("GET", "https://evil.test/books"), local_environment(), with_key());
    REQUIRE_FALSE(request.ok());
    CHECK(request.error().stage == Stage::usage);
}

TEST_CASE("invalid JSON names the line and column and is a json-stage error") {
    auto options = options_for("POST", "/books");
    options.body = "{\n  \"title\": \"Vanity Fair\",\n  \"year\": 18x7\n}";
    auto request = request::build_request(options, local_environment(), with_key());
    REQUIRE_FALSE(request.ok());
    CHECK(request.error().stage == Stage::json);
    CHECK(request.error().message.find("line 3, column 13") != std::string::npos);
}

TEST_CASE("a valid JSON body is sent as application/json, byte for byte") {
    auto options = options_for("patch", "/books/1");
    options.body = "{\"status\" :  \"ON_HAND\"}";
    auto request = request::build_request(options, local_environment(), with_key());
    REQUIRE(request.ok());
    CHECK(request->method == Method::patch);
    CHECK(request->body == *options.body);
    CHECK(request->content_type == "application/json");
}

TEST_CASE("--text-file sends the file's bytes as text/plain, and a missing or empty file is refused") {
    testing::TempDir dir;
    std::ofstream(dir.path() / "analysis.md") << "# Analysis\n\nFine binding.\n";
    auto options = options_for("PUT", "/books/1/analysis");
    options.text_file = (dir.path() / "analysis.md").string();
    auto request = request::build_request(options, local_environment(), with_key());
    REQUIRE(request.ok());
    CHECK(request->body == "# Analysis\n\nFine binding.\n");
    CHECK(request->content_type.rfind("text/plain", 0) == 0);

    options.text_file = (dir.path() / "missing.md").string();
    auto missing = request::build_request(options, local_environment(), with_key());
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().stage == Stage::read);
    CHECK(missing.error().message.find("no such file") != std::string::npos);

    std::ofstream(dir.path() / "empty.md").close();
    options.text_file = (dir.path() / "empty.md").string();
    auto empty = request::build_request(options, local_environment(), with_key());
    REQUIRE_FALSE(empty.ok());
    CHECK(empty.error().message.find("empty") != std::string::npos);
}

TEST_CASE("headers must look like 'Name: value' and may not carry the API key") {
    CHECK(request::check_header("Accept: text/html").ok());
    CHECK_FALSE(request::check_header("no colon").ok());
    CHECK_FALSE(request::check_header("Bad Name: x").ok());
    auto key = request::check_header("x-api-key: abc");
    REQUIRE_FALSE(key.ok());
    CHECK(key.error().message.find("abc") == std::string::npos);
}

TEST_CASE("Content-Length, Transfer-Encoding and Host headers are refused, in any case") {
    for (std::string line : {"Content-Length: 5", "content-length:5", "Transfer-Encoding: chunked", "HOST: example.test"}) {
        CAPTURE(line);
        auto refused = request::check_header(line);
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().stage == bmx::Stage::usage);
        CHECK(refused.error().message.find("is not accepted") != std::string::npos);
    }
    CHECK(request::check_header("Content-Type: text/plain").ok());
    CHECK(request::check_header("X-Host: a").ok());
}

TEST_CASE("a key is never sent over plain http to a host that is not loopback") {
    auto environment = local_environment();
    environment.base_url = "http://api.example.test/api/v1";
    auto request = request::build_request(options_for("GET", "/books"), environment, with_key());
    REQUIRE_FALSE(request.ok());
    CHECK(request.error().message.find("refusing to send the API key") != std::string::npos);
    auto keyless = request::build_request(options_for("GET", "/health/live"), environment, env::KeyLookup{});
    CHECK(keyless.ok());
}

TEST_CASE("GET and HEAD take no body") {
    auto options = options_for("GET", "/books");
    options.body = "{}";
    CHECK_FALSE(request::build_request(options, local_environment(), with_key()).ok());
}

TEST_CASE("--timeout must be positive") {
    CHECK_FALSE(request::timeout_ms(0).ok());
    CHECK_FALSE(request::timeout_ms(-1).ok());
    CHECK(*request::timeout_ms(2.5) == 2500);
}

TEST_CASE("position_of counts lines and columns from 1") {
    auto at = request::position_of("ab\ncd", 4);
    CHECK(at.line == 2);
    CHECK(at.column == 2);
}
