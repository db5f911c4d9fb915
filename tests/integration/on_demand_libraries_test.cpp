// libcurl and libcrypto are opened on first use: offline commands never load them, and the
// commands that talk HTTP still do (upload hashing is covered by the duplicate tests). Watched through the dynamic loader's
// own log (LD_DEBUG=libs), which names every library it loads.
#include <doctest/doctest.h>

#include "harness.hpp"

using namespace bmx::testing;

namespace {

RunOptions with_loader_log(RunOptions options = {}) {
    options.env["LD_DEBUG"] = "libs";
    return options;
}

bool loaded(const CommandResult& result, const std::string& soname) {
    return result.err.find("calling init: ") != std::string::npos &&
           result.err.find(soname) != std::string::npos;
}

}  // namespace

TEST_CASE("thumbnail and --version start without loading libcurl or libcrypto") {
    TempDir dir;
    write_file(dir / "a.jpg", make_image_bytes("jpeg", 64, 48, 1));
    auto thumbnail = run_bmx({"thumbnail", (dir / "a.jpg").string(), "--out", dir.path().string()}, with_loader_log());
    CHECK(thumbnail.exit_code == 0);
    CHECK(loaded(thumbnail, "libjpeg.so"));  // the loader log is there, so its silence below means something
    CHECK_FALSE(loaded(thumbnail, "libcurl.so"));
    CHECK_FALSE(loaded(thumbnail, "libcrypto.so"));

    auto version = run_bmx({"--version"}, with_loader_log());
    CHECK(version.exit_code == 0);
    CHECK_FALSE(loaded(version, "libcurl.so"));
}

TEST_CASE("a request loads libcurl on first use") {
    DevServer server;
    auto request = run_bmx({"GET", "/books"}, with_loader_log(with_key(server)));
    CHECK(request.exit_code == 0);
    CHECK(loaded(request, "libcurl.so.4"));
    CHECK(server.requests_to("/api/v1/books").size() == 1);
}
