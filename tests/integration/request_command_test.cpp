// `bmx-api METHOD PATH [BODY]` against bmx-devserver: every line of the old curl wrapper, and the exit codes.
#include <doctest/doctest.h>

#include <fstream>

#include "harness.hpp"

using namespace bmx::testing;
using nlohmann::json;

TEST_CASE("GET /books prints the server's body byte for byte and exits 0") {
    DevServer server;
    auto result = run_bmx({"GET", "/books"}, with_key(server));
    CHECK(result.exit_code == 0);
    auto page = json::parse(result.out);
    CHECK(page["total"] == 57);
    CHECK(page["items"].size() == 20);
    auto received = server.requests_to("/api/v1/books");
    REQUIRE(received.size() == 1);
    CHECK(received[0]["method"] == "GET");
    CHECK(received[0]["headers"]["x-api-key"] == test_key);
    CHECK_FALSE(leaks_key(result));
}

TEST_CASE("staging is the default: the staging key file is used, and --prod uses prod.key") {
    DevServer server;
    TempDir config;
    write_file(config / "staging.key", "staging-key-value\n");
    write_file(config / "prod.key", std::string(test_key) + "\r\n");
    RunOptions options;
    options.env["BMX_CONFIG_DIR"] = config.path().string();
    options.env["BMX_BASE_URL"] = server.base_url();
    auto staging = run_bmx({"GET", "/books/1"}, options);
    CHECK(staging.exit_code == 1);
    CHECK(staging.err.find("staging.key") != std::string::npos);
    auto prod = run_bmx({"--prod", "GET", "/books/1"}, options);
    CHECK(prod.exit_code == 0);
    CHECK(json::parse(prod.out)["id"] == 1);
    auto received = server.requests_to("/api/v1/books/1");
    REQUIRE(received.size() == 2);
    CHECK(received[0]["headers"]["x-api-key"] == "staging-key-value");
    CHECK(received[1]["headers"]["x-api-key"] == test_key);
    CHECK_FALSE(leaks_key(prod));
    CHECK(staging.err.find("staging-key-value") == std::string::npos);
}

TEST_CASE("--base-url works with --prod and the query string is sent as given") {
    DevServer server;
    RunOptions options;
    options.env["BMX_API_KEY"] = test_key;
    auto result = run_bmx({"--prod", "--base-url", server.base_url(), "get", "/books?page=3&per_page=20"}, options);
    CHECK(result.exit_code == 0);
    auto page = json::parse(result.out);
    CHECK(page["page"] == 3);
    CHECK(page["items"].size() == 17);
    auto received = server.requests_to("/api/v1/books");
    REQUIRE(received.size() == 1);
    CHECK(received[0]["query"] == "page=3&per_page=20");
}

TEST_CASE("POST /books sends the JSON body as application/json and prints the created book") {
    DevServer server;
    auto result = run_bmx({"POST", "/books", R"({"title":"Middlemarch","author":"George Eliot"})"}, with_key(server));
    CHECK(result.exit_code == 0);
    CHECK(json::parse(result.out)["title"] == "Middlemarch");
    auto received = server.requests_to("/api/v1/books");
    REQUIRE(received.size() == 1);
    CHECK(received[0]["method"] == "POST");
    CHECK(received[0]["content_type"].get<std::string>().rfind("application/json", 0) == 0);
    CHECK(received[0]["body_bytes"] == std::string(R"({"title":"Middlemarch","author":"George Eliot"})").size());
}

TEST_CASE("PATCH /books/ID sends its body and DELETE answers without one") {
    DevServer server;
    auto patched = run_bmx({"PATCH", "/books/12", R"({"status":"ON_HAND"})"}, with_key(server));
    CHECK(patched.exit_code == 0);
    CHECK(json::parse(patched.out)["status"] == "ON_HAND");
    auto deleted = run_bmx({"delete", "/books/12"}, with_key(server));
    CHECK(deleted.exit_code == 0);
    auto received = server.requests();
    REQUIRE(received.size() == 2);
    CHECK(received[0]["method"] == "PATCH");
    CHECK(received[1]["method"] == "DELETE");
}

TEST_CASE("--text-file sends the markdown as text/plain and X-BMX-Warning lines go to stderr") {
    DevServer server;
    TempDir dir;
    std::string markdown = "# Condition\n\nFoxing to the prelims.\n";
    write_file(dir / "analysis.md", markdown);
    auto result = run_bmx({"--text-file", (dir / "analysis.md").string(), "PUT", "/books/123/analysis"}, with_key(server));
    CHECK(result.exit_code == 1);  // book 123 does not exist among the 57 seeded ones
    auto ok = run_bmx({"--text-file", (dir / "analysis.md").string(), "PUT", "/books/7/analysis"}, with_key(server));
    CHECK(ok.exit_code == 0);
    CHECK(json::parse(ok.out)["length"] == markdown.size());
    CHECK(ok.err.find("warning: analysis is shorter than 200 characters") != std::string::npos);
    CHECK(ok.err.find("warning: no summary section found") != std::string::npos);
    auto received = server.requests_to("/api/v1/books/7/analysis");
    REQUIRE(received.size() == 1);
    CHECK(received[0]["content_type"].get<std::string>().rfind("text/plain", 0) == 0);
    CHECK(received[0]["body_bytes"] == markdown.size());
}

TEST_CASE("--text-file - reads the body from stdin") {
    DevServer server;
    auto options = with_key(server);
    options.stdin_data = "From standard input.\n";
    auto result = run_bmx({"--text-file", "-", "PUT", "/books/3/analysis"}, options);
    CHECK(result.exit_code == 0);
    CHECK(json::parse(result.out)["length"] == options.stdin_data.size());
}

TEST_CASE("GET /health/version works without any key and pipes cleanly") {
    DevServer server({"--version", "3.8.0"});
    RunOptions options;
    options.env["BMX_BASE_URL"] = server.base_url();
    auto result = run_bmx({"--prod", "GET", "/health/version"}, options);
    CHECK(result.exit_code == 0);
    CHECK(json::parse(result.out)["version"] == "3.8.0");
    CHECK(result.err.empty());
    auto received = server.requests_to("/api/v1/health/version");
    REQUIRE(received.size() == 1);
    CHECK_FALSE(received[0]["headers"].contains("x-api-key"));
}

TEST_CASE("an HTTP error exits 1, keeps the body on stdout and puts status and detail on stderr") {
    DevServer server;
    auto result = run_bmx({"GET", "/books/9999"}, with_key(server));
    CHECK(result.exit_code == 1);
    CHECK(json::parse(result.out)["detail"] == "Book not found");
    CHECK(result.err.find("HTTP 404 Not Found: Book not found") != std::string::npos);
}

TEST_CASE("a 401 says which key source was tried") {
    DevServer server;
    RunOptions options;
    options.env["BMX_BASE_URL"] = server.base_url();
    auto missing = run_bmx({"GET", "/books"}, options);
    CHECK(missing.exit_code == 1);
    CHECK(missing.err.find("Authentication required") != std::string::npos);
    CHECK(missing.err.find("no API key was sent: looked in BMX_API_KEY") != std::string::npos);
    options.env["BMX_API_KEY"] = "wrong-key-42";
    auto wrong = run_bmx({"GET", "/books"}, options);
    CHECK(wrong.exit_code == 1);
    CHECK(wrong.err.find("refused the key from BMX_API_KEY") != std::string::npos);
    CHECK(wrong.err.find("wrong-key-42") == std::string::npos);
}

TEST_CASE("invalid JSON exits 2 naming line and column, and the server receives nothing") {
    DevServer server;
    auto result = run_bmx({"POST", "/books", "{\"title\": \"Emma\",\n \"year\": }"}, with_key(server));
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("invalid JSON body at line 2, column 10") != std::string::npos);
    CHECK(result.out.empty());
    CHECK(server.requests().empty());
}

TEST_CASE("a missing --text-file exits 2 and the server receives nothing") {
    DevServer server;
    auto result = run_bmx({"--text-file", "/nonexistent/analysis.md", "PUT", "/books/1/analysis"}, with_key(server));
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("/nonexistent/analysis.md: no such file") != std::string::npos);
    CHECK(server.requests().empty());
}

TEST_CASE("an unknown method exits 2 and the server receives nothing") {
    DevServer server;
    auto result = run_bmx({"FETCH", "/books"}, with_key(server));
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("unknown method 'FETCH'") != std::string::npos);
    CHECK(server.requests().empty());
}

TEST_CASE("a refused connection exits 3 with the reason") {
    int port;
    {
        DevServer server;
        port = server.port();
    }
    RunOptions options;
    options.env["BMX_API_KEY"] = test_key;
    options.env["BMX_BASE_URL"] = "http://127.0.0.1:" + std::to_string(port) + "/api/v1";
    auto result = run_bmx({"GET", "/books"}, options);
    CHECK(result.exit_code == 3);
    CHECK(result.err.find("could not connect") != std::string::npos);
    CHECK_FALSE(leaks_key(result));
}

TEST_CASE("a server slower than --timeout exits 3 with a timeout reason" * doctest::test_suite("tsan")) {
    DevServer server({"--latency-ms", "3000"});
    auto options = with_key(server);
    auto result = run_bmx({"--timeout", "0.5", "GET", "/books"}, options);
    CHECK(result.exit_code == 3);
    CHECK(result.err.find("no complete answer within 0.5 s") != std::string::npos);
}

TEST_CASE("-i prints the status line and headers to stderr, and -v adds the request with the key redacted") {
    DevServer server;
    auto include = run_bmx({"-i", "GET", "/books/2"}, with_key(server));
    CHECK(include.exit_code == 0);
    CHECK(include.err.find("< HTTP/1.1 200 OK") != std::string::npos);
    CHECK(json::parse(include.out)["id"] == 2);
    auto verbose = run_bmx({"-v", "GET", "/books/2"}, with_key(server));
    CHECK(verbose.err.find("> GET /api/v1/books/2 HTTP/1.1") != std::string::npos);
    CHECK(verbose.err.find("> X-API-Key: <redacted>") != std::string::npos);
    CHECK_FALSE(leaks_key(verbose));
    CHECK(server.requests_to("/api/v1/books/2")[1]["headers"]["x-api-key"] == test_key);
}

TEST_CASE("-H adds headers and refuses one that carries the key") {
    DevServer server;
    auto result = run_bmx({"-H", "X-Request-Id: abc-123", "GET", "/books/1"}, with_key(server));
    CHECK(result.exit_code == 0);
    CHECK(server.requests()[0]["headers"]["x-request-id"] == "abc-123");
    auto refused = run_bmx({"-H", "X-API-Key: other", "GET", "/books/1"}, with_key(server));
    CHECK(refused.exit_code == 2);
    CHECK(server.requests().size() == 1);
}

TEST_CASE("-H refuses Content-Length, Transfer-Encoding and Host with exit 2, before anything is sent") {
    DevServer server;
    for (std::string header : {"Content-Length: 5", "Transfer-Encoding: chunked", "Host: other.example.test"}) {
        CAPTURE(header);
        auto refused = run_bmx({"-H", header, "POST", "/books", R"({"title":"Adam Bede"})"}, with_key(server));
        CHECK(refused.exit_code == 2);
        CHECK(refused.err.find("is not accepted") != std::string::npos);
    }
    CHECK(server.requests().empty());
    auto accepted = run_bmx({"-H", "Content-Type: application/json", "POST", "/books", R"({"title":"Adam Bede"})"},
                            with_key(server));
    CHECK(accepted.exit_code == 0);
    CHECK(server.requests().size() == 1);
}

TEST_CASE("config shows environment, URL and key source but never the key") {
    TempDir config;
    write_file(config / "prod.key", test_key);
    RunOptions options;
    options.env["BMX_CONFIG_DIR"] = config.path().string();
    options.env["XDG_STATE_HOME"] = (config / "state").string();
    auto result = run_bmx({"--prod", "config"}, options);
    CHECK(result.exit_code == 0);
    auto report = json::parse(result.out);
    CHECK(report["environment"] == "prod");
    CHECK(report["base_url"] == "https://api.bluemoxon.com/api/v1");
    CHECK(report["key_found"] == true);
    CHECK(report["key_source"] == (config / "prod.key").string());
    CHECK(report["max_upload_bytes"] == 4669440);  // the hosted API's limit
    CHECK(report["max_upload_bytes_source"] == "the hosted API's limit");
    CHECK(report["upload_record_dir"] == options.env["XDG_STATE_HOME"] + "/bmx-api");
    CHECK_FALSE(leaks_key(result));
}

TEST_CASE("a key file readable by others warns like ssh, without the key") {
    DevServer server;
    TempDir config;
    write_file(config / "staging.key", test_key);
    std::filesystem::permissions(config / "staging.key", std::filesystem::perms(0644));
    RunOptions options;
    options.env["BMX_CONFIG_DIR"] = config.path().string();
    options.env["BMX_BASE_URL"] = server.base_url();
    auto result = run_bmx({"GET", "/books/1"}, options);
    CHECK(result.exit_code == 0);
    CHECK(result.err.find("chmod 600") != std::string::npos);
    CHECK_FALSE(leaks_key(result));
}
