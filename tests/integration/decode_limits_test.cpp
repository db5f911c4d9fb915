// The decode bounds as a user meets them: a PNG inflate bomb and a many-scan JPEG are refused
// with stage limits, the decode budget shared by --jobs refuses what can never fit and lets the
// rest through one at a time, and Ctrl-C ends an upload mid-decode at once.
#include <doctest/doctest.h>

#include <chrono>
#include <csignal>

#include <fmt/format.h>

#include "harness.hpp"
#include "support/bomb_fixtures.hpp"

using namespace bmx::testing;
using nlohmann::json;

namespace {

std::string as_string(const Bytes& bytes) { return std::string(bytes.begin(), bytes.end()); }

// A plain 8-bit RGB PNG; each variant has other pixels (so an upload batch has no duplicates).
std::string flat_png(std::uint32_t side, unsigned variant = 0) {
    return as_string(build_png(PngSpec{side, side, 8, 2, false}, [variant](std::uint32_t x, std::uint32_t, int c) {
        return (c == 0 ? x * 40u : (20u + variant) * 257u) & 0xFFFFu;
    }));
}

json only_status(const CommandResult& result) {
    json statuses = json::parse(result.out);
    REQUIRE(statuses.size() == 1);
    return statuses[0];
}

std::string message_of(const json& status) { return status["error"]["message"].get<std::string>(); }

}  // namespace

TEST_CASE("thumbnail refuses a 1x1 PNG whose data inflates to 64 MiB with stage limits") {
    TempDir dir;
    write_file(dir / "bomb.png", as_string(png_inflate_bomb(1, 1, 64u << 20)));
    auto result = run_bmx({"thumbnail", (dir / "bomb.png").string(), "--out", dir.path().string()});
    CHECK(result.exit_code == 2);
    const json status = only_status(result);
    CHECK(status["status"] == "failed");
    CHECK(status["error"]["stage"] == "limits");
    CHECK(message_of(status).find("inflates past the 4 bytes its header (1x1, 8-bit RGB) implies") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir / "bomb.thumb.jpg"));
}

TEST_CASE("thumbnail still makes thumbnails of Adam7, 16-bit and ordinary PNGs") {
    TempDir dir;
    const auto sample = [](std::uint32_t x, std::uint32_t y, int c) { return (x * 997u + y * 131u + c * 50000u) & 0xFFFFu; };
    write_file(dir / "adam7.png", as_string(build_png(PngSpec{301, 203, 8, 2, true}, sample)));
    write_file(dir / "deep.png", as_string(build_png(PngSpec{257, 129, 16, 6, false}, sample)));
    write_file(dir / "deep-adam7.png", as_string(build_png(PngSpec{97, 61, 16, 0, true}, sample)));
    write_file(dir / "plain.png", make_image_bytes("png", 400, 300, 5));
    auto result = run_bmx({"thumbnail", (dir / "adam7.png").string(), (dir / "deep.png").string(),
                           (dir / "deep-adam7.png").string(), (dir / "plain.png").string(), "--out", dir.path().string()});
    CHECK(result.exit_code == 0);
    for (const json& status : json::parse(result.out)) {
        CAPTURE(status.dump());
        CHECK(status["status"] == "generated");
    }
}

TEST_CASE("an image needing more than --max-decode-mib is refused naming the option, on thumbnail and upload") {
    DevServer server;
    TempDir dir;
    write_file(dir / "big.png", flat_png(1000));  // about 6 MiB at stb_image's peak
    auto thumbnail = run_bmx({"thumbnail", (dir / "big.png").string(), "--out", dir.path().string(), "--max-decode-mib", "2"});
    CHECK(thumbnail.exit_code == 2);
    const json status = only_status(thumbnail);
    CHECK(status["error"]["stage"] == "limits");
    CHECK(message_of(status).find("more than the whole 2 MiB decode budget; raise it with --max-decode-mib 6 or more") !=
          std::string::npos);

    auto upload = run_bmx({"upload", "1", (dir / "big.png").string(), "--dry-run", "--max-decode-mib", "2"}, with_key(server));
    CHECK(upload.exit_code == 2);
    const json uploaded = only_status(upload);
    CHECK(uploaded["upload_status"] == "failed");
    CHECK(uploaded["error"]["stage"] == "limits");
    CHECK(message_of(uploaded).find("--max-decode-mib") != std::string::npos);
    for (const json& request : server.requests()) CHECK(request["method"] != "POST");
}

TEST_CASE("with a decode budget that fits one image at a time, every file of a --jobs 4 batch still gets its thumbnail") {
    DevServer server;
    TempDir dir;
    std::vector<std::string> args{"thumbnail"};
    for (int i = 0; i < 6; ++i) {
        write_file(dir / fmt::format("{}.png", i), flat_png(1000, static_cast<unsigned>(i)));
        args.push_back((dir / fmt::format("{}.png", i)).string());
    }
    for (std::string extra : {std::string("--out"), dir.path().string(), std::string("--jobs"), std::string("4"),
                              std::string("--max-decode-mib"), std::string("8")})
        args.push_back(extra);
    auto result = run_bmx(args);
    CHECK(result.exit_code == 0);
    const json statuses = json::parse(result.out);
    CHECK(statuses.size() == 6);
    for (const json& status : statuses) CHECK(status["status"] == "generated");

    std::vector<std::string> upload{"upload", "1"};
    for (int i = 0; i < 6; ++i) upload.push_back((dir / fmt::format("{}.png", i)).string());
    for (const char* extra : {"--dry-run", "--jobs", "4", "--max-decode-mib", "8"}) upload.emplace_back(extra);
    auto dry_run = run_bmx(upload, with_key(server));
    CHECK(dry_run.exit_code == 0);
    for (const json& status : json::parse(dry_run.out)) CHECK(status["upload_status"] == "would_upload");
}

TEST_CASE("a progressive JPEG with more scans than --max-jpeg-scans is refused with stage limits") {
    TempDir dir;
    write_file(dir / "progressive.jpg", as_string(encode_progressive_jpeg(gradient(320, 240, 6))));  // 10 scans
    write_file(dir / "many.jpg", as_string(encode_many_scan_jpeg(gradient(64, 48, 7))));           // 2090 scans
    auto lowered = run_bmx({"thumbnail", (dir / "progressive.jpg").string(), "--out", dir.path().string(),
                            "--max-jpeg-scans", "5"});
    CHECK(lowered.exit_code == 2);
    const json status = only_status(lowered);
    CHECK(status["error"]["stage"] == "limits");
    CHECK(message_of(status).find("more than 5 scans") != std::string::npos);

    auto defaults = run_bmx({"thumbnail", (dir / "progressive.jpg").string(), (dir / "many.jpg").string(), "--out",
                             dir.path().string()});
    CHECK(defaults.exit_code == 4);
    const json both = json::parse(defaults.out);
    CHECK(both[0]["status"] == "generated");
    CHECK(both[1]["error"]["stage"] == "limits");
    CHECK(message_of(both[1]).find("more than 100 scans") != std::string::npos);
}

TEST_CASE("Ctrl-C during a long JPEG decode ends upload --dry-run with exit 130 within a second") {
    DevServer server;
    TempDir dir;
    // 896 scans over 393,216 blocks: about 5 s of decoding on this machine's cores when left alone.
    write_file(dir / "slow.jpg", as_string(eob_scan_jpeg(4096, 6144)));
    RunOptions options = with_key(server);
    options.signal_after_ms = 1000;
    options.timeout = std::chrono::milliseconds(30000);
    const auto started = std::chrono::steady_clock::now();
    auto result = run_bmx({"upload", "1", (dir / "slow.jpg").string(), "--dry-run", "--max-jpeg-scans", "1000"}, options);
    const auto took = std::chrono::steady_clock::now() - started;
    CHECK(result.exit_code == 130);
    CHECK_FALSE(result.timed_out);
    // The signal comes at 1 s; the decode notices within a row group and the batch ends.
    CHECK(took < std::chrono::milliseconds(2500));
    const json status = only_status(result);
    CHECK(status["upload_status"] == "cancelled");
}
