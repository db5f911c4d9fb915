// bmx-api over https against `bmx-devserver --tls` with a CA made at test time: the main job,
// the scripting options and verify, refused certificates, the CA bundle options, and that the key
// never crosses from https to http. Asserts on what the server received and holds.
#include <doctest/doctest.h>

#include <filesystem>
#include <set>

#include <fmt/format.h>

#include "book_checks.hpp"
#include "harness.hpp"

using namespace bmx::testing;
using nlohmann::json;

namespace https_test {

// n distinct small JPEGs, 01.jpg ... in name order.
std::vector<std::string> make_photos(const TempDir& dir, int n) {
    std::vector<std::string> files;
    for (int i = 1; i <= n; ++i) {
        auto path = dir / fmt::format("{:02}.jpg", i);
        write_file(path, make_image_bytes("jpeg", 48 + i, 40, 300 + i));
        files.push_back(path.string());
    }
    return files;
}

// with_key for an https server, trusting the test CA through --cacert (args come first).
std::vector<std::string> trusting(const TlsDevServer& server, std::vector<std::string> args) {
    args.insert(args.begin(), {"--cacert", server.ca_file()});
    return args;
}

// What a refused certificate must say: the host, and the option that would trust its CA.
void check_tls_refusal(const CommandResult& result, const ServerProcess& server) {
    INFO(result.err);
    CHECK(result.exit_code == 3);
    CHECK(contains(result.err, "TLS with 127.0.0.1 failed"));
    CHECK(contains(result.err, "--cacert"));
    CHECK_FALSE(leaks_key(result));
    // The handshake failed, so no request reached the server.
    CHECK(server.requests().empty());
}

std::vector<std::string> stored_names(const json& images) {
    std::vector<std::string> names;
    for (const json& image : images) names.push_back(image["original_filename"].get<std::string>());
    return names;
}

}  // namespace https_test

using namespace https_test;

TEST_CASE("over https twenty photos at --parallel 6 land in input order, one primary, nothing twice") {
    TlsDevServer server(racing_server);
    TempDir dir;
    make_photos(dir, 20);
    auto result = run_bmx(trusting(server, {"upload", "7", dir.path().string(), "--parallel", "6", "--jobs", "2"}),
                          with_key(server));
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    json statuses = json::parse(result.out);
    REQUIRE(statuses.size() == 20);
    json images = server.book_images(7);
    REQUIRE(images.size() == 20);
    std::vector<std::string> expected;
    for (int i = 1; i <= 20; ++i) expected.push_back(fmt::format("{:02}.jpg", i));
    CHECK(stored_names(images) == expected);
    std::set<long long> ids;
    int primaries = 0;
    for (std::size_t i = 0; i < images.size(); ++i) {
        CHECK(images[i]["display_order"] == static_cast<long long>(i));
        ids.insert(images[i]["id"].get<long long>());
        primaries += images[i]["is_primary"] == true;
    }
    CHECK(ids.size() == 20);
    CHECK(primaries == 1);
    CHECK(images[0]["is_primary"] == true);
    check_statuses_match_server(statuses, images);
    for (const json& post : server.requests_to("/api/v1/books/7/images")) CHECK(post["headers"]["x-api-key"] == test_key);
    CHECK_FALSE(leaks_key(result));
}

TEST_CASE("over https a batch reuses its connections: 20 files at --parallel 6 take at most 6 TLS handshakes") {
    TlsDevServer server;
    TempDir dir;
    make_photos(dir, 20);
    auto result = run_bmx(trusting(server, {"upload", "9", dir.path().string(), "--parallel", "6"}), with_key(server));
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    json stats = server.get_json("/_dev/stats");
    INFO(stats.dump());
    // The harness's own request for the stats came over a connection of its own.
    const long long handshakes = stats["tls_handshakes"].get<long long>() - 1;
    CHECK(server.book_images(9).size() == 20);
    CHECK(handshakes >= 1);
    CHECK(handshakes <= 6);
}

TEST_CASE("over https --paginate fetches every page with the key and prints them merged") {
    TlsDevServer server;
    auto result = run_bmx(trusting(server, {"GET", "/books?per_page=20", "--paginate"}), with_key(server));
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    json merged = json::parse(result.out);
    CHECK(merged["total"] == 57);
    CHECK(merged["items"].size() == 57);
    auto pages = server.requests_to("/api/v1/books");
    CHECK(pages.size() == 3);
    for (const json& page : pages) CHECK(page["headers"]["x-api-key"] == test_key);
}

TEST_CASE("over https verify passes its five checks, the image check on the API's own https origin") {
    TlsDevServer server({"--version", "3.8.0", "--seed-image", "3"});
    auto result = run_bmx(trusting(server, {"verify", "--expect-version", "3.8.0"}), with_key(server));
    INFO(result.err);
    CHECK(result.exit_code == 0);
    json report = json::parse(result.out);
    CHECK(report["ok"] == true);
    CHECK(report["base_url"] == server.base_url());
    CHECK(report["checks"].size() == 5);
    CHECK(contains(result.err, "ok image: HEAD " + server.origin() + "/images/3/"));
    CHECK_FALSE(server.requests_to("/api/v1/health/version").empty());
    CHECK_FALSE(leaks_key(result));
}

TEST_CASE("over https --wait-until polls a job to completed") {
    TlsDevServer server({"--job-pending-ms", "100", "--job-running-ms", "300"});
    auto started = run_bmx(trusting(server, {"POST", "/books/7/analysis/generate-async", R"({"model": "opus"})"}),
                           with_key(server));
    REQUIRE_MESSAGE(started.exit_code == 0, started.err);
    auto result = run_bmx(trusting(server, {"GET", "/books/7/analysis/status", "--wait-until", ".status == \"completed\"",
                                            "--interval", "0.1", "--wait-timeout", "20"}),
                          with_key(server));
    INFO(result.err);
    CHECK(result.exit_code == 0);
    CHECK(json::parse(result.out)["status"] == "completed");
    CHECK(server.requests_to("/api/v1/books/7/analysis/status").size() >= 2);
}

TEST_CASE("a certificate for another name is refused: exit 3, the host and --cacert named, nothing sent") {
    TlsDevServer server({}, TlsCertificate::other_name);
    check_tls_refusal(run_bmx(trusting(server, {"GET", "/books/1"}), with_key(server)), server);
}

TEST_CASE("an expired certificate is refused the same way") {
    TlsDevServer server({}, TlsCertificate::expired);
    check_tls_refusal(run_bmx(trusting(server, {"GET", "/books/1"}), with_key(server)), server);
}

TEST_CASE("an upload refused by TLS exits 3, sends no file, and each file's status says why") {
    TlsDevServer server({}, TlsCertificate::other_name);
    TempDir dir;
    make_photos(dir, 2);
    auto result = run_bmx(trusting(server, {"upload", "7", dir.path().string()}), with_key(server));
    INFO(result.out);
    check_tls_refusal(result, server);
    json statuses = json::parse(result.out);
    REQUIRE(statuses.size() == 2);
    // The batch stopped at its first request (the book's image list), so no file was sent.
    for (const json& status : statuses) {
        CHECK(status["upload_status"] == "cancelled");
        CHECK(contains(status["error"]["message"].get<std::string>(), "TLS with 127.0.0.1 failed"));
    }
}

TEST_CASE("without --cacert only the system's CAs are trusted, so the test CA is refused") {
    TlsDevServer server;
    check_tls_refusal(run_bmx({"GET", "/books/1"}, with_key(server)), server);
}

TEST_CASE("BMX_CA_BUNDLE trusts the test CA, and --cacert beats it") {
    TlsDevServer server;
    RunOptions options = with_key(server);
    options.env["BMX_CA_BUNDLE"] = server.ca_file();
    auto from_variable = run_bmx({"GET", "/books/1"}, options);
    CHECK_MESSAGE(from_variable.exit_code == 0, from_variable.err);
    options.env["BMX_CA_BUNDLE"] = "/nonexistent/ca.pem";
    auto from_option = run_bmx(trusting(server, {"GET", "/books/1"}), options);
    CHECK_MESSAGE(from_option.exit_code == 0, from_option.err);
    CHECK(server.requests_to("/api/v1/books/1").size() == 2);
}

TEST_CASE("a CA bundle that cannot be read exits 2 with stage config and sends nothing") {
    TlsDevServer server;
    TempDir dir;
    RunOptions options = with_key(server);
    options.env["BMX_CA_BUNDLE"] = (dir / "missing.pem").string();
    auto from_variable = run_bmx({"GET", "/books/1"}, options);
    CHECK(from_variable.exit_code == 2);
    CHECK(contains(from_variable.err, "BMX_CA_BUNDLE " + (dir / "missing.pem").string() + ": cannot read the CA bundle"));
    auto from_option = run_bmx({"--cacert", dir.path().string(), "GET", "/books/1"}, with_key(server));
    CHECK(from_option.exit_code == 2);
    CHECK(contains(from_option.err, "is a directory"));
    TempDir upload_dir;
    make_photos(upload_dir, 1);
    auto upload = run_bmx({"upload", "7", upload_dir.path().string(), "--cacert", (dir / "missing.pem").string()},
                          with_key(server));
    CHECK(upload.exit_code == 2);
    CHECK(server.requests().empty());
}

TEST_CASE("a file that is not a CA bundle fails the https request with stage tls, exit 3") {
    TlsDevServer server;
    TempDir dir;
    write_file(dir / "junk.pem", "not a certificate\n");
    auto result = run_bmx({"--cacert", (dir / "junk.pem").string(), "GET", "/books/1"}, with_key(server));
    INFO(result.err);
    CHECK(result.exit_code == 3);
    CHECK(contains(result.err, "--cacert"));
    CHECK(server.requests().empty());
}

TEST_CASE("config names the CA bundle in use and where the choice came from") {
    TlsDevServer server;
    auto given = run_bmx(trusting(server, {"config"}), with_key(server));
    REQUIRE_MESSAGE(given.exit_code == 0, given.err);
    json report = json::parse(given.out);
    CHECK(report["ca_bundle"] == server.ca_file());
    CHECK(report["ca_bundle_source"] == "--cacert");
    CHECK(report["ca_path"].is_null());

    RunOptions options = with_key(server);
    options.env["BMX_CA_BUNDLE"] = server.ca_file();
    json from_variable = json::parse(run_bmx({"config"}, options).out);
    CHECK(from_variable["ca_bundle"] == server.ca_file());
    CHECK(from_variable["ca_bundle_source"] == "BMX_CA_BUNDLE");

    json system = json::parse(run_bmx({"config"}, with_key(server)).out);
    CHECK(system["ca_bundle_source"] == "system default");
    CHECK(system.contains("ca_bundle"));
    CHECK(system.contains("ca_path"));
    CHECK(server.requests().empty());  // config sends nothing
}

TEST_CASE("a redirect from https to http on the same host is a change of origin: the key is not sent there") {
    DevServer plain;
    const std::string target = plain.origin() + "/api/v1/books/1";
    TlsDevServer server({"--redirect", "/api/v1/books/1=" + target});
    auto result = run_bmx(trusting(server, {"GET", "/books/1"}), with_key(server));
    INFO(result.err);
    auto asked = server.requests_to("/api/v1/books/1");
    REQUIRE(asked.size() == 1);
    CHECK(asked[0]["headers"]["x-api-key"] == test_key);
    auto followed = plain.requests_to("/api/v1/books/1");
    REQUIRE(followed.size() == 1);
    CHECK_FALSE(followed[0]["headers"].contains("x-api-key"));
    CHECK(result.exit_code == 1);  // the http side wants a key it did not get: 401
    CHECK_FALSE(leaks_key(result));
}
