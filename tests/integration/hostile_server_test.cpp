// A hostile server cannot make bmx-api leak the key, grow without bound, or lie with its exit
// code: each case runs the built bmx-api against bmx-faultpeer's hostile answers.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <thread>

#include "harness.hpp"

using namespace bmx::testing;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

ServerProcess hostile_peer(const std::string& mode, const std::string& body_mib = "64") {
    return ServerProcess(BMX_FAULTPEER_BIN, {"--mode", mode, "--count", "100", "--body-mib", body_mib});
}

// The fault peer's JSON-lines log, read until it holds `lines` lines or 3 s have passed.
std::vector<json> peer_log(const std::filesystem::path& path, std::size_t lines) {
    std::vector<json> entries;
    for (auto give_up = Clock::now() + std::chrono::seconds(3); Clock::now() < give_up;) {
        entries.clear();
        std::ifstream in(path);
        for (std::string line; std::getline(in, line);)
            if (!line.empty()) entries.push_back(json::parse(line));
        if (entries.size() >= lines) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return entries;
}

}  // namespace

TEST_CASE("a body over --max-response-mib is exit 6 with nothing printed, and a raised budget takes it") {
    auto peer = hostile_peer("huge-body", "70");
    auto refused = run_bmx({"GET", "/books"}, pointed_at(peer.base_url()));
    CHECK(refused.exit_code == 6);
    CHECK(contains(refused.err, "bmx-api: error: the answer is over the 64 MiB response budget"));
    CHECK(contains(refused.err, "--max-response-mib"));
    CHECK(refused.out.empty());

    auto taken = run_bmx({"--max-response-mib", "80", "GET", "/books"}, pointed_at(peer.base_url()));
    CHECK(taken.exit_code == 0);
    CHECK(taken.out.size() > std::size_t{70} * 1024 * 1024);
}

TEST_CASE("an endless body ends at the budget, long before the timeout") {
    auto peer = hostile_peer("huge-body", "0");
    auto started = Clock::now();
    auto result = run_bmx({"--max-response-mib", "8", "--timeout", "60", "GET", "/books"}, pointed_at(peer.base_url()));
    CHECK(result.exit_code == 6);
    CHECK(contains(result.err, "over the 8 MiB response budget"));
    CHECK(Clock::now() - started < std::chrono::seconds(20));
}

TEST_CASE("20 million empty strings in 60 MB stay within the document budget on a terminal and for --jq: exit 6, under 600 MB and 10 s") {
    auto peer = hostile_peer("many-values");
    const std::size_t body_bytes = 3 * std::size_t{20'000'000} + 1;
    constexpr long peak_budget_kib = 600 * 1024;

    auto started = Clock::now();
    auto shown = run_bmx_on_terminal({"GET", "/books"}, pointed_at(peer.base_url()), 100);
    auto terminal_took = Clock::now() - started;
    CHECK(shown.exit_code == 6);
    CHECK(contains(shown.out, "the answer holds about 20000001 JSON values, over the budget of 2000000 values to "
                              "pretty-print it on a terminal"));
    CHECK(contains(shown.out, "redirect stdout to a file or a pipe to get its 60000001 bytes"));
    CHECK(shown.peak_rss_kib < peak_budget_kib);
    CHECK(terminal_took < std::chrono::seconds(10));

    started = Clock::now();
    auto filtered = run_bmx({"GET", "/books", "--jq", "length"}, pointed_at(peer.base_url()));
    auto jq_took = Clock::now() - started;
    CHECK(filtered.exit_code == 6);
    CHECK(contains(filtered.err, "over the budget of 2000000 values for --jq"));
    CHECK(filtered.out.size() == body_bytes);  // the answer is never lost: its bytes, as for any --jq failure
    CHECK(filtered.peak_rss_kib < peak_budget_kib);
    CHECK(jq_took < std::chrono::seconds(10));

    // A pipe builds no document, so it has no such budget: the bytes as received.
    auto piped = run_bmx({"GET", "/books"}, pointed_at(peer.base_url()));
    CHECK(piped.exit_code == 0);
    CHECK(piped.out.size() == body_bytes);
    CHECK(piped.out.compare(0, 7, "[\"\",\"\",") == 0);
    CHECK(piped.peak_rss_kib < peak_budget_kib);
}

TEST_CASE("gzip and zstd bombs are counted as they inflate and stop at the budget") {
    for (const char* mode : {"gzip-bomb", "zstd-bomb"}) {
        CAPTURE(mode);
        auto peer = hostile_peer(mode, "4096");  // 4 GiB once decoded
        auto result = run_bmx({"--max-response-mib", "16", "GET", "/books"}, pointed_at(peer.base_url()));
        CHECK(result.exit_code == 6);
        CHECK(contains(result.err, "sent " + std::string(mode).substr(0, 4) + "-encoded, decoded past the 16 MiB response budget"));
        CHECK(result.out.empty());
    }
    // The server declares the compressed size: the message names it as such, and the decoded budget.
    TempDir dir;
    auto log = dir / "peer.log";
    ServerProcess declared(BMX_FAULTPEER_BIN, {"--mode", "gzip-bomb", "--declare-length", "--body-mib", "256",
                                               "--count", "100", "--log", log.string()});
    auto result = run_bmx({"--max-response-mib", "16", "GET", "/books"}, pointed_at(declared.base_url()));
    CHECK(result.exit_code == 6);
    auto sent = result.err.find("sent gzip-encoded in ");
    REQUIRE(sent != std::string::npos);
    std::size_t compressed = std::stoul(result.err.substr(sent + 21));
    CHECK(compressed > 0);
    CHECK(compressed < std::size_t{16} * 1024 * 1024);
    CHECK(contains(result.err, " bytes (its Content-Length, the compressed size), decoded past the 16 MiB response budget"));
    CHECK_FALSE(contains(result.err, "it declares"));
    // The same bomb, small enough for the budget, decodes to the zeros it stands for.
    auto peer = hostile_peer("zstd-bomb", "2");
    auto small = run_bmx({"GET", "/books"}, pointed_at(peer.base_url()));
    CHECK(small.exit_code == 0);
    CHECK(small.out == std::string(std::size_t{2} * 1024 * 1024, '\0'));
}

TEST_CASE("a header or status line over 100 KB is named as such, exit 6, and not retried") {
    for (const char* mode : {"long-header", "long-status"}) {
        CAPTURE(mode);
        TempDir dir;
        auto log = dir / "peer.log";
        ServerProcess peer(BMX_FAULTPEER_BIN, {"--mode", mode, "--count", "100", "--log", log.string()});
        auto result = run_bmx({"--retry", "2", "--retry-delay", "0.1", "GET", "/books"}, pointed_at(peer.base_url()));
        CHECK(result.exit_code == 6);
        CHECK(contains(result.err, "bmx-api: error: the server sent a header line over libcurl's 100 KB limit"));
        CHECK_FALSE(contains(result.err, "Out of memory"));
        CHECK_FALSE(contains(result.err, "retrying"));
        CHECK(peer_log(log, 1).size() == 1);
    }
}

TEST_CASE("a declared Content-Length over the budget fails before the body, and a HEAD declaring it is fine") {
    auto peer = ServerProcess(BMX_FAULTPEER_BIN,
                              {"--mode", "huge-body", "--declare-length", "--body-mib", "100", "--count", "100"});
    auto started = Clock::now();
    auto get = run_bmx({"GET", "/books"}, pointed_at(peer.base_url()));
    CHECK(get.exit_code == 6);
    CHECK(contains(get.err, "the answer (it declares 104857600 bytes) is over the 64 MiB response budget"));
    CHECK(Clock::now() - started < std::chrono::seconds(10));
    auto head = run_bmx({"-i", "HEAD", "/books"}, pointed_at(peer.base_url()));
    CHECK(head.exit_code == 0);
    CHECK(contains(head.err, "< Content-Length: 104857600"));
}

TEST_CASE("a redirect to a URL that cannot be followed is exit 6, not 2: the request was sent") {
    TempDir dir;
    auto log = dir / "peer.log";
    ServerProcess peer(BMX_FAULTPEER_BIN, {"--mode", "bad-redirect", "--count", "100", "--log", log.string()});
    auto result = run_bmx({"DELETE", "/books/3"}, pointed_at(peer.base_url()));
    CHECK(result.exit_code == 6);
    CHECK(contains(result.err, "the server redirected to a URL bmx-api cannot follow"));
    auto connections = peer_log(log, 1);
    REQUIRE(connections.size() == 1);
    CHECK(connections[0]["bytes_received"].get<long>() > 0);
    CHECK_FALSE(leaks_key(result));
}

TEST_CASE("a redirect to another scheme, or round in a loop, is exit 6 and not retried") {
    ServerProcess ftp(BMX_FAULTPEER_BIN, {"--mode", "bad-redirect", "--location", "ftp://127.0.0.1/books", "--count", "100"});
    auto scheme = run_bmx({"--retry", "2", "--retry-delay", "0.1", "GET", "/books"}, pointed_at(ftp.base_url()));
    CHECK(scheme.exit_code == 6);
    CHECK(contains(scheme.err, "the server redirected to a URL bmx-api cannot follow: 'ftp://127.0.0.1/books' is not http or https"));

    TempDir dir;
    auto log = dir / "peer.log";
    ServerProcess loop(BMX_FAULTPEER_BIN,
                       {"--mode", "bad-redirect", "--location", "/api/v1/again", "--count", "100", "--log", log.string()});
    auto looped = run_bmx({"--retry", "2", "--retry-delay", "0.1", "GET", "/books"}, pointed_at(loop.base_url()));
    CHECK(looped.exit_code == 6);
    CHECK(contains(looped.err, "more than 10 redirects, last to " + loop.origin() + "/api/v1/again"));
    CHECK_FALSE(contains(looped.err, "retrying"));
    CHECK(peer_log(log, 11).size() == 11);  // the request and its 10 redirects, once
}

TEST_CASE("a key the server echoes is never repeated by bmx-api, while stdout keeps the body byte for byte") {
    auto peer = hostile_peer("echo-key");
    auto result = run_bmx({"-v", "GET", "/books"}, pointed_at(peer.base_url()));
    CHECK(result.exit_code == 1);
    // stdout is the server's body as received: the echoed key is there, which proves the peer echoed it.
    CHECK(contains_key(result.out));
    CHECK_FALSE(contains_key(result.err));
    CHECK(contains(result.err, "invalid key <redacted> (from the hostile peer)"));
    CHECK(contains(result.err, "< X-Echo: <redacted>"));
    CHECK(contains(result.err, "> X-API-Key: <redacted>"));
}

TEST_CASE("on a terminal, control characters from the server are shown escaped, in errors and in the body") {
    auto peer = hostile_peer("echo-key");
    auto result = run_bmx_on_terminal({"GET", "/books"}, pointed_at(peer.base_url()));
    CHECK(result.exit_code == 1);
    // The error line: escapes written out, never sent raw (no window title, no clear screen).
    CHECK(contains(result.out, "bmx-api: error: HTTP 400 Bad Request: \\x1b]0;owned\\x07\\x1b[2Jinvalid key <redacted>"));
    CHECK_FALSE(contains(result.out, "\x1b]0;"));
    CHECK_FALSE(contains(result.out, "\x1b[2J"));

    // verify's --jq output is printed the same way.
    auto verify = run_bmx_on_terminal({"verify", "--checks", "books", "--jq", ".checks[].detail"}, pointed_at(peer.base_url()));
    CHECK(contains(verify.out, "\\x1b]0;owned"));
    CHECK_FALSE(contains(verify.out, "\x1b]0;"));

    // In a pipe the same message keeps its bytes: scripts and logs see what the server said.
    auto piped = run_bmx({"GET", "/books"}, pointed_at(peer.base_url()));
    CHECK(contains(piped.err, "\x1b]0;owned\x07\x1b[2Jinvalid key <redacted>"));
}

TEST_CASE("plain-http requests to the API never go through a proxy from the environment, keyed or not") {
    ServerProcess elsewhere(BMX_DEVSERVER_BIN, {"--seed-image", "1"}, "127.0.0.2");
    DevServer server({"--version", "3.8.0", "--seed-image", "3", "--redirect",
                      "/api/v1/books/1/cover=" + elsewhere.origin() + "/images/1/1.jpg"});
    TempDir dir;
    auto log = dir / "proxy.log";
    // A proxy that closes every connection it gets: a request through it fails, so an answer
    // proves the request went direct.
    ServerProcess proxy(BMX_FAULTPEER_BIN, {"--mode", "close", "--count", "100", "--log", log.string()});
    for (const char* variable : {"http_proxy", "ALL_PROXY"}) {
        CAPTURE(variable);
        RunOptions options = with_key(server);
        options.env[variable] = proxy.origin();
        // verify mixes keyless health checks with keyed ones: all of them reach the API itself.
        auto verify = run_bmx({"verify", "--expect-version", "3.8.0"}, options);
        CHECK(verify.exit_code == 0);
        CHECK(json::parse(verify.out)["ok"] == true);
        CHECK(contains(verify.err, std::string("bmx-api: ") + variable + " is set, but plain-http requests to the API at " +
                                       server.origin() + " go direct"));
        RunOptions keyless;
        keyless.env["BMX_BASE_URL"] = server.base_url();
        keyless.env[variable] = proxy.origin();
        auto health = run_bmx({"GET", "/health/live"}, keyless);
        CHECK(health.exit_code == 0);
        // The variable is seen: a hop to another origin does go through the proxy.
        auto off_origin = run_bmx({"GET", "/books/1/cover"}, keyless);
        CHECK(off_origin.exit_code == 3);
    }
    auto connections = peer_log(log, 2);
    CHECK(connections.size() == 2);  // the two off-origin requests only
    for (const json& request : server.requests_to("/api/v1/health/")) CHECK_FALSE(request["headers"].contains("x-api-key"));
    CHECK(server.requests_to("/api/v1/health/version").size() >= 2);
    std::size_t book_lists = 0;
    for (const json& request : server.requests_to("/api/v1/books")) {
        if (request["path"] != "/api/v1/books") continue;  // not the keyless /books/1/cover
        ++book_lists;
        CHECK(request["headers"]["x-api-key"] == test_key);
    }
    CHECK(book_lists >= 2);
}

TEST_CASE("--paginate stops at its byte budget: exit 6, nothing printed") {
    DevServer server;
    TempDir dir;
    write_file(dir / "book.json", json{{"title", std::string(700 * 1024, 'T')}}.dump());
    for (int i = 0; i < 2; ++i) {
        auto created = run_bmx({"POST", "/books", "@" + (dir / "book.json").string()}, with_key(server));
        REQUIRE(created.exit_code == 0);
    }
    auto over = run_bmx({"GET", "/books?per_page=20", "--paginate", "--max-pages-mib", "1"}, with_key(server));
    CHECK(over.exit_code == 6);
    CHECK(contains(over.err, "bmx-api: error: --paginate: the pages' bodies are over the 1 MiB --paginate budget"));
    CHECK(over.out.empty());
    auto within = run_bmx({"GET", "/books?per_page=20", "--paginate", "--max-pages-mib", "4"}, with_key(server));
    CHECK(within.exit_code == 0);
    CHECK(json::parse(within.out)["items"].size() == 59);

    auto misplaced = run_bmx({"GET", "/books", "--max-pages-mib", "4"}, with_key(server));
    CHECK(misplaced.exit_code == 2);
    CHECK(contains(misplaced.err, "--max-pages-mib goes with --paginate"));
}

TEST_CASE("URL userinfo is never printed: not by config, not in a URL error") {
    RunOptions options;
    auto config = run_bmx({"--base-url", "https://bob:hunter2@qa.example.test/api/v1", "config"}, options);
    CHECK(config.exit_code == 0);
    CHECK(json::parse(config.out)["base_url"] == "https://<redacted>@qa.example.test/api/v1");
    auto bad = run_bmx({"--base-url", "http://bob:hunter2@bad host/api/v1", "GET", "/books"}, options);
    CHECK(bad.exit_code == 2);
    CHECK(contains(bad.err, "http://<redacted>@bad host/api/v1"));
    for (const auto* result : {&config, &bad}) {
        CHECK_FALSE(contains(result->out, "hunter2"));
        CHECK_FALSE(contains(result->err, "hunter2"));
    }
}

TEST_CASE("URL userinfo is never printed by upload --dry-run, upload, verify or -v") {
    DevServer server;
    TempDir dir;
    write_file(dir / "a.jpg", make_image_bytes("jpeg", 96, 64, 81));
    const std::string with_userinfo = "http://bob:hunter2@127.0.0.1:" + std::to_string(server.port()) + "/api/v1";
    const std::string shown = "http://<redacted>@127.0.0.1:" + std::to_string(server.port()) + "/api/v1";
    RunOptions options = with_key(with_userinfo);
    auto dry = run_bmx({"upload", "--dry-run", "1", (dir / "a.jpg").string()}, options);
    INFO(dry.err);
    REQUIRE(dry.exit_code == 0);
    json plan = json::parse(dry.out);
    REQUIRE(plan.size() == 1);
    CHECK(plan[0]["would_send"]["url"] == shown + "/books/1/images");
    auto upload = run_bmx({"-v", "upload", "1", (dir / "a.jpg").string()}, options);
    CHECK(upload.exit_code == 0);
    CHECK(contains(upload.err, "> POST /api/v1/books/1/images"));
    auto verify = run_bmx({"verify"}, options);
    CHECK(contains(verify.err, shown));
    auto missing = run_bmx({"-v", "-i", "GET", "/books/9999"}, options);
    CHECK(missing.exit_code == 1);
    CHECK(contains(missing.err, "< HTTP/1.1 404"));
    for (const auto* result : {&dry, &upload, &verify, &missing}) {
        CHECK_FALSE(contains(result->out, "hunter2"));
        CHECK_FALSE(contains(result->err, "hunter2"));
        CHECK_FALSE(leaks_key(*result));
    }
}

TEST_CASE("JSON nested 85,000 levels deep is described, never walked: errors, pages, a terminal and uploads") {
    auto error_peer = ServerProcess(BMX_FAULTPEER_BIN, {"--mode", "deep-json", "--status", "400", "--count", "100"});
    auto error = run_bmx({"GET", "/books"}, pointed_at(error_peer.base_url()));
    CHECK(error.exit_code == 1);
    CHECK(contains(error.err, "bmx-api: error: HTTP 400 Hostile: (an answer nested deeper than 1000 levels, not read)"));
    CHECK(error.out.size() > 170000);  // the body as received

    auto ok_peer = ServerProcess(BMX_FAULTPEER_BIN, {"--mode", "deep-json", "--status", "200", "--count", "100"});
    auto pages = run_bmx({"GET", "/books", "--paginate"}, pointed_at(ok_peer.base_url()));
    CHECK(pages.exit_code == 6);
    CHECK(contains(pages.err, "--paginate: page 1 is not JSON"));

    auto on_terminal = run_bmx_on_terminal({"GET", "/books"}, pointed_at(ok_peer.base_url()));
    CHECK(on_terminal.exit_code == 0);
    CHECK(contains(on_terminal.out, R"({"detail":[[[[)"));  // printed as it came, not pretty-printed

    TempDir dir;
    write_file(dir / "a.jpg", make_image_bytes("jpeg", 64, 48, 1));
    write_file(dir / "b.jpg", make_image_bytes("jpeg", 64, 48, 2));
    auto upload = run_bmx({"upload", "1", (dir / "a.jpg").string(), (dir / "b.jpg").string()},
                          pointed_at(error_peer.base_url()));
    CHECK(upload.exit_code == 1);
    auto statuses = json::parse(upload.out);
    REQUIRE(statuses.size() == 2);  // every file still has its status
    for (const json& status : statuses) {
        CHECK(status["upload_status"] == "cancelled");  // not sent: the book's image list was unreadable
        CHECK(contains(status["error"]["message"].get<std::string>(), "nested deeper than 1000 levels"));
    }
}

TEST_CASE("a batch whose only failures include a file that was sent never exits 2") {
    DevServer server({"--processing-delay-ms", "3000"});
    TempDir dir;
    write_file(dir / "a.jpg", make_image_bytes("jpeg", 64, 48, 1));
    write_file(dir / "notes.jpg", std::string("%PDF-1.4 not a photo"));
    auto result = run_bmx({"--timeout", "1", "upload", "--retry", "0", "1", (dir / "a.jpg").string(), (dir / "notes.jpg").string()},
                          with_key(server));
    auto statuses = json::parse(result.out);
    REQUIRE(statuses.size() == 2);
    CHECK(statuses[0]["error"]["stage"] == "timeout");
    CHECK(statuses[1]["error"]["stage"] == "format");
    CHECK(result.exit_code == 3);  // the lowest class among the files sent, not 2
    auto received = server.requests_to("/api/v1/books/1/images");
    CHECK(std::count_if(received.begin(), received.end(), [](const json& r) { return r["method"] == "POST"; }) == 1);
}
