// A standard error that cannot be written (2>/dev/full, 2>&-) never aborts bmx-api: stdout still
// gets the whole answer, and the exit is 74 once a message was lost.
#include <doctest/doctest.h>

#include <sstream>

#include "harness.hpp"

using namespace bmx::testing;
using nlohmann::json;

namespace stderr_failure_test {

std::string target_name(Stderr target) { return target == Stderr::dev_full ? "2>/dev/full" : "2>&-"; }

}  // namespace stderr_failure_test

TEST_CASE("a GET that gets a 404 with stderr full or closed exits 74 with the server's answer on stdout") {
    using namespace stderr_failure_test;
    DevServer server;
    for (Stderr target : {Stderr::dev_full, Stderr::closed}) {
        CAPTURE(target_name(target));
        RunOptions options = with_key(server);
        options.stderr_to = target;
        auto result = run_bmx({"GET", "/books/9999"}, options);
        CHECK_FALSE(result.timed_out);
        CHECK(result.exit_code == 74);
        CHECK(json::parse(result.out) == json{{"detail", "Book not found"}});
    }
    CHECK(server.requests_to("/api/v1/books/9999").size() == 2);
}

TEST_CASE("an upload, plain, --json or --ndjson, with stderr full or closed exits 74 with every status on stdout") {
    using namespace stderr_failure_test;
    for (Stderr target : {Stderr::dev_full, Stderr::closed}) {
        for (std::string shape : {"", "--json", "--ndjson"}) {
            CAPTURE(target_name(target));
            CAPTURE(shape);
            DevServer server;
            TempDir dir;
            write_file(dir / "a.jpg", make_image_bytes("jpeg", 96, 64, 71));
            write_file(dir / "b.jpg", make_image_bytes("jpeg", 96, 64, 72));
            RunOptions options = with_key(server);
            options.stderr_to = target;
            std::vector<std::string> args{"upload", "4", (dir / "a.jpg").string(), (dir / "b.jpg").string()};
            if (!shape.empty()) args.push_back(shape);
            auto result = run_bmx(args, options);
            CHECK_FALSE(result.timed_out);
            CHECK(result.exit_code == 74);
            // One array in a pipe, one JSON line a file with --ndjson: either way both, uploaded.
            json statuses = json::array();
            if (shape != "--ndjson") {
                statuses = json::parse(result.out);
            } else {
                std::istringstream lines(result.out);
                for (std::string line; std::getline(lines, line);) statuses.push_back(json::parse(line));
            }
            REQUIRE(statuses.size() == 2);
            for (const json& status : statuses) CHECK(status["upload_status"] == "uploaded");
            json book = server.book_images(4);
            REQUIRE(book.size() == 2);
            CHECK(book[0]["original_filename"] == "a.jpg");
            CHECK(book[1]["original_filename"] == "b.jpg");
            CHECK_FALSE(leaks_key(result));
        }
    }
}

TEST_CASE("a closed stderr that nothing was written to keeps the exit code: a quiet GET is exit 0") {
    DevServer server;
    RunOptions options = with_key(server);
    options.stderr_to = Stderr::closed;
    auto result = run_bmx({"GET", "/books/1"}, options);
    CHECK(result.exit_code == 0);
    CHECK(json::parse(result.out)["id"] == 1);
}
