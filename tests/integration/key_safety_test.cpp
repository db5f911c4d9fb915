// The API key goes only to the API's origin, never over plain http off loopback, never into output.
#include <doctest/doctest.h>

#include "harness.hpp"

using namespace bmx::testing;
using nlohmann::json;

TEST_CASE("a redirect to another host is followed without the key, and the API origin still gets it") {
    ServerProcess cdn(BMX_DEVSERVER_BIN, {"--seed-image", "1"}, "127.0.0.2");
    std::string image_url = cdn.origin() + "/images/1/1.jpg";
    DevServer api({"--redirect", "/api/v1/books/1/cover=" + image_url, "--redirect", "/api/v1/books/1/same=/api/v1/books/1"});
    RunOptions options;
    options.env["BMX_API_KEY"] = test_key;
    options.env["BMX_BASE_URL"] = api.base_url();

    auto off_origin = run_bmx({"-v", "GET", "/books/1/cover"}, options);
    CHECK(off_origin.exit_code == 0);
    CHECK(off_origin.out.size() > 100);  // the JPEG bytes, as received
    CHECK_FALSE(contains_key(off_origin.err));
    auto api_saw = api.requests_to("/api/v1/books/1/cover");
    REQUIRE(api_saw.size() == 1);
    CHECK(api_saw[0]["headers"]["x-api-key"] == test_key);
    auto cdn_saw = cdn.requests_to("/images/1/1.jpg");
    REQUIRE(cdn_saw.size() == 1);
    CHECK_FALSE(cdn_saw[0]["headers"].contains("x-api-key"));

    auto same_origin = run_bmx({"GET", "/books/1/same"}, options);
    CHECK(same_origin.exit_code == 0);
    CHECK(json::parse(same_origin.out)["id"] == 1);
    auto followed = api.requests_to("/api/v1/books/1");
    REQUIRE(followed.size() >= 2);
    CHECK(followed.back()["headers"]["x-api-key"] == test_key);
}

TEST_CASE("Authorization, Cookie and Proxy-* headers given with -H stay with the API on a cross-origin redirect") {
    ServerProcess cdn(BMX_DEVSERVER_BIN, {"--seed-image", "1"}, "127.0.0.2");
    DevServer api({"--redirect", "/api/v1/books/1/cover=" + cdn.origin() + "/images/1/1.jpg"});
    auto result = run_bmx({"-H", "Authorization: Bearer tok-1", "-H", "Cookie: session=tok-2", "-H",
                           "Proxy-Authorization: Basic tok-3", "-H", "X-Request-Id: kept", "GET", "/books/1/cover"},
                          with_key(api));
    CHECK(result.exit_code == 0);
    auto api_saw = api.requests_to("/api/v1/books/1/cover");
    REQUIRE(api_saw.size() == 1);
    CHECK(api_saw[0]["headers"]["authorization"] == "Bearer tok-1");
    CHECK(api_saw[0]["headers"]["cookie"] == "session=tok-2");
    auto cdn_saw = cdn.requests_to("/images/1/1.jpg");
    REQUIRE(cdn_saw.size() == 1);
    CHECK(cdn_saw[0]["headers"]["x-request-id"] == "kept");
    for (const char* dropped : {"authorization", "cookie", "proxy-authorization", "x-api-key"})
        CHECK_FALSE(cdn_saw[0]["headers"].contains(dropped));
}

TEST_CASE("-H headers named like credentials are redacted in -v and stay with the API on a cross-origin redirect") {
    ServerProcess cdn(BMX_DEVSERVER_BIN, {"--seed-image", "1"}, "127.0.0.2");
    DevServer api({"--redirect", "/api/v1/books/1/cover=" + cdn.origin() + "/images/1/1.jpg"});
    const std::vector<std::string> credentials{"X-Auth-Token: tok-a1", "x-session-id: tok-a2", "X-Client-Secret: tok-a3",
                                               "X-Upstream-Key: tok-a4", "X-Cookie-Hint: tok-a5"};
    std::vector<std::string> args{"-v"};
    for (const std::string& line : credentials) {
        args.push_back("-H");
        args.push_back(line);
    }
    for (const char* word : {"-H", "X-Request-Id: kept"}) args.emplace_back(word);
    // -v prints the request head it sent to the API: each header named, none of the values.
    std::vector<std::string> shown = args;
    for (const char* word : {"GET", "/books/1"}) shown.emplace_back(word);
    auto verbose = run_bmx(shown, with_key(api));
    CHECK(verbose.exit_code == 0);
    for (const char* name : {"X-Auth-Token", "x-session-id", "X-Client-Secret", "X-Upstream-Key", "X-Cookie-Hint"}) {
        INFO(name);
        CHECK(verbose.err.find(std::string("> ") + name + ": <redacted>") != std::string::npos);
    }
    CHECK(verbose.err.find("> X-Request-Id: kept") != std::string::npos);
    CHECK(verbose.err.find("tok-a") == std::string::npos);
    auto book_saw = api.requests_to("/api/v1/books/1");
    REQUIRE_FALSE(book_saw.empty());
    CHECK(book_saw[0]["headers"]["x-client-secret"] == "tok-a3");

    for (const char* word : {"GET", "/books/1/cover"}) args.emplace_back(word);
    auto result = run_bmx(args, with_key(api));
    CHECK(result.exit_code == 0);
    CHECK(result.err.find("tok-a") == std::string::npos);
    auto api_saw = api.requests_to("/api/v1/books/1/cover");
    REQUIRE(api_saw.size() == 1);
    CHECK(api_saw[0]["headers"]["x-auth-token"] == "tok-a1");
    CHECK(api_saw[0]["headers"]["x-upstream-key"] == "tok-a4");
    auto cdn_saw = cdn.requests_to("/images/1/1.jpg");
    REQUIRE(cdn_saw.size() == 1);
    CHECK(cdn_saw[0]["headers"]["x-request-id"] == "kept");
    for (const char* dropped : {"x-auth-token", "x-session-id", "x-client-secret", "x-upstream-key", "x-cookie-hint"}) {
        INFO(dropped);
        CHECK_FALSE(cdn_saw[0]["headers"].contains(dropped));
    }
}

TEST_CASE("a key is refused over plain http to a host that is not loopback, before anything is sent") {
    RunOptions options;
    options.env["BMX_API_KEY"] = test_key;
    options.env["BMX_BASE_URL"] = "http://api.bluemoxon.invalid/api/v1";
    auto result = run_bmx({"GET", "/books"}, options);
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("refusing to send the API key over plain http") != std::string::npos);
    CHECK_FALSE(contains_key(result.err));
}

TEST_CASE("a key with a line break is refused with exit 2 before anything is sent, the key not shown") {
    DevServer server;
    TempDir dir;
    write_file(dir / "a.jpg", make_image_bytes("jpeg", 64, 64, 1));
    RunOptions options;
    options.env["BMX_API_KEY"] = "tk_live\r\nX-Injected: yes";
    options.env["BMX_BASE_URL"] = server.base_url();
    for (const std::vector<std::string>& command :
         {std::vector<std::string>{"-v", "GET", "/books"}, {"upload", "1", (dir / "a.jpg").string()}}) {
        auto result = run_bmx(command, options);
        CHECK(result.exit_code == 2);
        CHECK(result.err.find("BMX_API_KEY holds a control character (byte 8 of the key, 0x0d)") != std::string::npos);
        CHECK(result.err.find("Injected") == std::string::npos);
        CHECK(result.err.find("tk_live") == std::string::npos);
    }
    CHECK(server.requests().empty());
}

TEST_CASE("jq's $ENV and env do not hold BMX_API_KEY, while the request still carries the key") {
    DevServer server;
    RunOptions options = with_key(server);
    options.env["BMX_JQ_PROBE"] = "visible";
    auto result = run_bmx({"GET", "/books/1", "--jq", "[$ENV.BMX_API_KEY, env.BMX_API_KEY, env.BMX_JQ_PROBE]"}, options);
    CHECK(result.exit_code == 0);
    CHECK(json::parse(result.out) == json::parse(R"([null, null, "visible"])"));
    auto saw = server.requests_to("/api/v1/books/1");
    REQUIRE(saw.size() == 1);
    CHECK(saw[0]["headers"]["x-api-key"] == test_key);
}

TEST_CASE("-v redacts Authorization, Proxy-Authorization and Cookie, which still reach the API") {
    DevServer server;
    auto result = run_bmx({"-v", "-H", "Authorization: Bearer tok-secret-1", "-H", "Proxy-Authorization: Basic tok-secret-2",
                           "-H", "Cookie: session=tok-secret-3", "GET", "/books/1"},
                          with_key(server));
    CHECK(result.exit_code == 0);
    CHECK(result.err.find("Authorization: <redacted>") != std::string::npos);
    CHECK(result.err.find("Proxy-Authorization: <redacted>") != std::string::npos);
    CHECK(result.err.find("Cookie: <redacted>") != std::string::npos);
    CHECK(result.err.find("tok-secret") == std::string::npos);
    auto saw = server.requests_to("/api/v1/books/1");
    REQUIRE(saw.size() == 1);
    CHECK(saw[0]["headers"]["authorization"] == "Bearer tok-secret-1");
    CHECK(saw[0]["headers"]["cookie"] == "session=tok-secret-3");
}

TEST_CASE("the key never appears in any output mode, errors and dry runs included") {
    DevServer server({"--fail-requests", "1"});
    TempDir dir;
    write_file(dir / "a.jpg", make_image_bytes("jpeg", 64, 64, 1));
    RunOptions options;
    options.env["BMX_API_KEY"] = test_key;
    options.env["BMX_BASE_URL"] = server.base_url();
    struct Mode {
        std::vector<std::string> command;
        int exit_code;
        std::string on_stdout;  // proof the mode printed what it prints (empty: nothing asked)
        std::string on_stderr;
    };
    const std::vector<Mode> modes{
        {{"-v", "GET", "/books"}, 1, "Service temporarily unavailable", "X-API-Key: <redacted>"},  // the 503
        {{"-v", "-i", "GET", "/books/1"}, 0, R"("id":1)", "< HTTP/1.1 200"},
        {{"-v", "GET", "/books/424242"}, 1, "Book not found", "X-API-Key: <redacted>"},
        {{"config"}, 0, R"("key_found":true)", ""},
        {{"-v", "upload", "1", (dir / "a.jpg").string(), "--dry-run"}, 0, "sent (redacted)", "would upload"},
        {{"-v", "--image", (dir / "a.jpg").string(), "POST", "/books/1/images"}, 0, R"("http_status":201)", ""},
        {{"-v", "POST", "/books", "{broken"}, 2, "", "invalid JSON body"},
    };
    for (const Mode& mode : modes) {
        CAPTURE(mode.command);
        auto result = run_bmx(mode.command, options);
        CHECK(result.exit_code == mode.exit_code);
        CHECK(contains(result.out, mode.on_stdout));
        CHECK(contains(result.err, mode.on_stderr));
        CHECK_FALSE((result.out.empty() && result.err.empty()));
        CHECK_FALSE(leaks_key(result));
    }
}
