// The upload record with copies in a batch: the copy shares the entry of the file sent for both,
// so a re-run sends neither.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "harness.hpp"

namespace record_copies_test {

using namespace bmx::testing;
using nlohmann::json;

int image_posts(const ServerProcess& server) {
    int posts = 0;
    for (const json& request : server.requests_to("/api/v1/books/1/images"))
        if (request["method"] == "POST") ++posts;
    return posts;
}

TEST_CASE("a copy in a batch is recorded under the name sent for it, so a re-run sends neither file again") {
    DevServer server;
    TempDir state;
    TempDir photos;
    const std::string bytes = make_image_bytes("jpeg", 320, 240, 7);
    auto original = photos / "a.jpg";
    auto copy = photos / "z-copy.jpg";
    std::ofstream(original, std::ios::binary) << bytes;
    std::ofstream(copy, std::ios::binary) << bytes;
    RunOptions options = with_key(server);
    options.env["XDG_STATE_HOME"] = state.path().string();
    const std::vector<std::string> args{"upload", "1", original.string(), copy.string()};

    auto first = run_bmx(args, options);
    REQUIRE(first.exit_code == 0);
    auto stored = json::parse(first.out);
    REQUIRE(stored.size() == 2);
    CHECK(stored[0]["upload_status"] == "uploaded");
    CHECK(stored[0]["id"] == stored[1]["id"]);
    CHECK(image_posts(server) == 1);

    auto second = run_bmx(args, options);
    CHECK(second.exit_code == 0);
    auto again = json::parse(second.out);
    REQUIRE(again.size() == 2);
    for (const json& status : again) {
        CHECK(status["upload_status"] == "duplicate");
        CHECK(status["id"] == stored[0]["id"]);
    }
    CHECK(image_posts(server) == 1);  // still only the first run's
}

}  // namespace record_copies_test
