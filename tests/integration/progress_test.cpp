// The upload progress line on a terminal over a limited uplink: its bytes never run ahead of what
// the server read, its ETA does not climb while the link is busy, from 100 columns it names the
// upload in flight, and a batch stopped by an answer names the answer.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <regex>

#include <fmt/format.h>

#include "harness.hpp"
#include "terminal_screen.hpp"

using namespace bmx::testing;

namespace {

constexpr double mib = 1024.0 * 1024.0;

// PNGs of noise, which do not compress: each about 2.3 MiB on the wire at 900x900.
std::vector<std::filesystem::path> noise_photos(const TempDir& dir, int count, int side = 900) {
    std::vector<std::filesystem::path> files;
    std::mt19937 random(11);
    for (int i = 0; i < count; ++i) {
        TestImage image{side, side, 3, Bytes(static_cast<std::size_t>(side) * side * 3)};
        for (unsigned char& byte : image.pixels) byte = static_cast<unsigned char>(random());
        auto file = dir / fmt::format("{:02}-noise.png", i + 1);
        write_bytes(file, encode_png(image));
        files.push_back(file);
    }
    return files;
}

// "ETA 1:05" as seconds, or -1 when the bar has none.
int eta_seconds(const std::string& bar) {
    static const std::regex eta("ETA ([0-9]+):([0-9]{2})");
    std::smatch match;
    if (!std::regex_search(bar, match, eta)) return -1;
    return std::stoi(match[1].str()) * 60 + std::stoi(match[2].str());
}

// A bar as it was seen, with what the server had read by then (asked right after).
struct Seen {
    std::string bar;
    long long server_read = 0;
};

}  // namespace

TEST_CASE("on a 2 MiB/s uplink the bytes sent never run ahead of what the server read, and the ETA does not climb") {
    DevServer server({"--uplink-kib-per-second", "2048"});
    TempDir dir;
    noise_photos(dir, 6);
    RunOptions options = with_key(server);
    options.timeout = std::chrono::milliseconds(40000);
    std::vector<Seen> seen;
    std::size_t bars_seen = 0;
    // Watches the output as it comes (never signals): each new bar is paired with the server's
    // count, read after the bar was drawn, so the count can only be higher than at the draw.
    options.signal_when = [&](const CommandResult& so_far) {
        std::vector<std::string> bars = drawn_bars(so_far.out);
        if (bars.size() <= bars_seen) return false;
        bars_seen = bars.size();
        seen.push_back(Seen{bars.back(), server.get_json("/_dev/stats").value("uplink_bytes_read", 0LL)});
        return false;
    };
    auto result = run_bmx_on_terminal({"upload", "5", dir.path().string(), "--parallel", "2"}, options, 120);
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "6 files: 6 uploaded"));
    CHECK(server.images()["5"].size() == 6);
    REQUIRE(seen.size() >= 10);  // the proof that the bar was drawn through the batch
    // What sits in the server's socket buffers (32 KiB asked, doubled, two connections) and the
    // figure's rounding: well under what libcurl's count ran ahead by (whole files, MiBs).
    const double margin = 0.4;
    int etas = 0;
    int lowest_eta = -1;
    for (const Seen& sample : seen) {
        CAPTURE(sample.bar);
        CAPTURE(sample.server_read);
        CHECK(bytes_figure(sample.bar) <= static_cast<double>(sample.server_read) / mib + margin);
        int eta = eta_seconds(sample.bar);
        if (eta < 0) continue;
        ++etas;
        // Never above the lowest yet, but for a second of rounding: no climb, step by step or overall.
        if (lowest_eta >= 0) CHECK(eta <= lowest_eta + 1);
        lowest_eta = lowest_eta < 0 ? eta : std::min(lowest_eta, eta);
    }
    CHECK(etas >= 5);
    CHECK(bytes_figure(drawn_bars(result.out).back()) >= 13.0);  // the whole batch counted in the end
}

TEST_CASE("at 100 and 120 columns the progress line names the upload in flight and how far along it is, at 40 it does not") {
    DevServer server({"--uplink-kib-per-second", "4096"});
    TempDir dir;
    noise_photos(dir, 3);
    static const std::regex in_flight("0[1-3]-noise\\.png [0-9]{1,3}%");
    for (int columns : {40, 100, 120}) {
        CAPTURE(columns);
        // A fresh record each run: every file is sent again, not taken as held.
        auto result = run_bmx_on_terminal({"upload", "5", dir.path().string(), "--parallel", "2", "--resend"},
                                          with_key(server), columns);
        CHECK(result.exit_code == 0);
        std::vector<std::string> bars = drawn_bars(result.out);
        REQUIRE(bars.size() >= 5);  // the proof that the line was drawn while files were in flight
        int named = 0;
        for (const std::string& bar : bars) {
            CAPTURE(bar);
            CHECK(static_cast<int>(bar.size()) <= columns - 1);
            named += std::regex_search(bar, in_flight) ? 1 : 0;
        }
        if (columns >= 100)
            CHECK(named >= 3);
        else
            CHECK(named == 0);
    }
    CHECK(server.requests_to("/api/v1/books/5/images").size() >= 9);
}

TEST_CASE("a batch stopped by a 401 says so on its progress line and does not offer a second Ctrl-C") {
    // The second upload is refused; the one in flight beside it goes on over the slow link, so
    // the line is drawn while the batch stops.
    DevServer server({"--refuse-images-after", "1:401", "--uplink-kib-per-second", "2048"});
    TempDir dir;
    noise_photos(dir, 5);
    auto result = run_bmx_on_terminal({"upload", "5", dir.path().string(), "--parallel", "2"}, with_key(server), 120);
    CHECK(result.exit_code != 0);
    std::vector<std::string> bars = drawn_bars(result.out);
    REQUIRE(bars.size() >= 3);
    int stopping = 0;
    for (const std::string& bar : bars) {
        CAPTURE(bar);
        CHECK_FALSE(contains(bar, "Ctrl-C"));
        if (!contains(bar, "stopping ")) continue;
        ++stopping;
        CHECK(contains(bar, "stopped by HTTP 401 from the server"));
    }
    CHECK(stopping >= 1);  // the proof that the stopping line was drawn
    CHECK(contains(bars.back(), "cancelled "));
    CHECK(contains(bars.back(), "stopped by HTTP 401 from the server"));
    CHECK(server.images()["5"].size() == 1);
    CHECK(server.requests_to("/api/v1/books/5/images").size() <= 4);
}
