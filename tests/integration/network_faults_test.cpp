// Bad networks never hang bmx-api: trickling answers, silent servers, resets and unknown names
// all end within their timeouts with the documented exit codes.
#include <doctest/doctest.h>

#include "harness.hpp"

using namespace bmx::testing;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

TEST_CASE("a response trickling slower than --timeout ends in exit 3 at the timeout, not when it finishes" * doctest::test_suite("tsan")) {
    ServerProcess peer(BMX_FAULTPEER_BIN, {"--mode", "trickle", "--trickle-ms", "100"});
    auto started = Clock::now();
    auto result = run_bmx({"--timeout", "1.5", "GET", "/health/version"}, pointed_at(peer.base_url()));
    auto took = Clock::now() - started;
    CHECK(result.exit_code == 3);
    CHECK(result.err.find("no complete answer within 1.5 s") != std::string::npos);
    CHECK(took < std::chrono::seconds(12));  // the whole body would take 20 s
}

TEST_CASE("a response trickling inside --timeout arrives whole") {
    ServerProcess peer(BMX_FAULTPEER_BIN, {"--mode", "trickle", "--trickle-ms", "2"});
    auto result = run_bmx({"--timeout", "10", "GET", "/health/version"}, pointed_at(peer.base_url()));
    CHECK(result.exit_code == 0);
    CHECK(json::parse(result.out).is_object());
}

TEST_CASE("a server that accepts and never answers is a timeout, with and without retries" * doctest::test_suite("tsan")) {
    ServerProcess peer(BMX_FAULTPEER_BIN, {"--mode", "hang", "--count", "100"});
    auto started = Clock::now();
    auto once = run_bmx({"--timeout", "1", "GET", "/books"}, pointed_at(peer.base_url()));
    CHECK(once.exit_code == 3);
    CHECK(once.err.find("no complete answer within 1 s") != std::string::npos);
    auto retried = run_bmx({"--timeout", "0.5", "--retry", "2", "--retry-delay", "0.1", "GET", "/books"}, pointed_at(peer.base_url()));
    CHECK(retried.exit_code == 3);
    CHECK(retried.err.find("retrying (attempt 3 of 3)") != std::string::npos);
    CHECK_FALSE(once.timed_out);
    CHECK_FALSE(retried.timed_out);
    CHECK(Clock::now() - started < std::chrono::seconds(15));  // 2.8 s of timeouts and delays; a hang is 30
}

TEST_CASE("a connection closed without an answer is a transport failure, exit 3") {
    ServerProcess peer(BMX_FAULTPEER_BIN, {"--mode", "close", "--count", "100"});
    auto result = run_bmx({"GET", "/books"}, pointed_at(peer.base_url()));
    CHECK(result.exit_code == 3);
    CHECK_FALSE(contains_key(result.err));
}

TEST_CASE("a reset mid-body on a plain request is exit 3, and with --retry the next connection succeeds" * doctest::test_suite("tsan")) {
    DevServer server;
    ServerProcess peer(BMX_FAULTPEER_BIN, {"--mode", "reset", "--count", "1", "--upstream-port", std::to_string(server.port())});
    std::string body = "{\"title\":\"" + std::string(4000, 'x') + "\"}";
    auto failed = run_bmx({"PUT", "/books/1", body}, pointed_at(peer.base_url()));
    CHECK(failed.exit_code == 3);
    CHECK(failed.err.find("bmx-api: error:") != std::string::npos);
    auto retried = run_bmx({"--retry", "1", "--retry-delay", "0.1", "GET", "/books/1"}, pointed_at(peer.base_url()));
    CHECK(retried.exit_code == 0);
}

TEST_CASE("a name that does not resolve is exit 3 with a name-lookup reason, for requests and uploads" * doctest::test_suite("tsan")) {
    TempDir dir;
    write_file(dir / "a.jpg", make_image_bytes("jpeg", 32, 32, 1));
    auto options = pointed_at("http://no-such-host.invalid/api/v1");
    options.env.erase("BMX_API_KEY");  // a key over plain http off loopback would be refused first
    auto started = Clock::now();
    auto request = run_bmx({"--timeout", "5", "GET", "/health/live"}, options);
    CHECK(request.exit_code == 3);
    CHECK(request.err.find("name lookup failed") != std::string::npos);
    // An upload needs a key, and the key goes only over https off loopback.
    auto keyed = pointed_at("https://no-such-host.invalid/api/v1");
    auto upload = run_bmx({"--timeout", "5", "upload", "1", (dir / "a.jpg").string(), "--retry", "1"}, keyed);
    CHECK(upload.exit_code == 3);
    auto status = json::parse(upload.out)[0];
    CHECK(status["upload_status"] == "cancelled");  // the book's image list could not be read: nothing sent
    CHECK(status["error"]["message"].get<std::string>().find("name lookup failed") != std::string::npos);
    CHECK(status["error"]["http_status"].is_null());
    CHECK(upload.err.find("bmx-api: retrying (attempt 2 of 2) after name lookup failed") != std::string::npos);
    CHECK(Clock::now() - started < std::chrono::seconds(20));
}
