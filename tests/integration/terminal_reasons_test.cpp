// What a person at a terminal learns about the files that did not make it: each one's whole
// reason under the table (once for files that share it), advice once per batch, not once per
// file, and plain ASCII marks on a dumb terminal.
#include <doctest/doctest.h>

#include <map>

#include "terminal_screen.hpp"

using namespace bmx::testing;
using nlohmann::json;

namespace {

// A folder with spaces in its name, as a person's photos often are: two photos, and a PDF saved
// with a .jpg name between them.
std::filesystem::path march_shoot(const TempDir& dir) {
    auto folder = dir / "march shoot at the bindery";
    std::filesystem::create_directories(folder);
    write_file(folder / "01-cover.jpg", make_image_bytes("jpeg", 640, 480, 11));
    write_file(folder / "02-catalogue.jpg", "%PDF-1.4\n% the bindery's catalogue, saved under the wrong name\n");
    write_file(folder / "03-spine.jpg", make_image_bytes("jpeg", 640, 480, 12));
    return folder;
}

std::size_t occurrences_of(const std::string& text, const std::string& part) {
    std::size_t count = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++count;
    return count;
}

// The screen's stdout lines after the table's summary line (the one starting `summary`): the
// reason lines, as wrapped. Fails the test when there is no summary line.
std::vector<std::string> lines_under_summary(const std::string& screen, const std::string& summary) {
    auto lines = lines_of(screen);
    auto at = std::find_if(lines.begin(), lines.end(), [&](const std::string& line) { return line.rfind(summary, 0) == 0; });
    REQUIRE(at != lines.end());
    return std::vector<std::string>(at + 1, lines.end());
}

// Wrapped lines put back together: a continued line ("    ...") joins the one before with a space.
std::vector<std::string> unwrapped(const std::vector<std::string>& lines) {
    std::vector<std::string> whole;
    for (const std::string& line : lines) {
        if (line.rfind("    ", 0) == 0 && !whole.empty()) {
            whole.back() += " " + line.substr(4);
            continue;
        }
        whole.push_back(line);
    }
    return whole;
}

// The table's row for the file whose name ends the FILE cell with `name`.
std::string row_of(const std::string& screen, const std::string& state, const std::string& name) {
    for (const std::string& line : lines_of(screen))
        if (line.rfind(state, 0) == 0 && contains(line, name)) return line;
    return "";
}

std::vector<json> image_posts(const ServerProcess& server, int book) {
    std::vector<json> posts;
    for (const json& request : server.requests_to(fmt::format("/api/v1/books/{}/images", book)))
        if (request["method"] == "POST") posts.push_back(request);
    return posts;
}

}  // namespace

TEST_CASE("on a terminal each failed file's whole reason is printed under the table, wrapped to the width, named as in its folder") {
    TempDir dir;
    auto folder = march_shoot(dir);
    DevServer piped_server;
    // What the status JSON says, for the reason line to be compared with.
    auto piped = run_bmx({"upload", "5", folder.string()}, with_key(piped_server));
    REQUIRE(piped.exit_code == 4);
    json statuses = json::parse(piped.out);
    REQUIRE(statuses.size() == 3);
    CHECK(statuses[1]["file"] == (folder / "02-catalogue.jpg").string());  // the JSON keeps the path bmx-api opened
    const std::string message = statuses[1]["error"]["message"];
    REQUIRE(contains(message, "not an image"));

    for (int columns : {40, 100, 120}) {
        CAPTURE(columns);
        DevServer server;
        auto result = run_bmx_on_terminal({"upload", "5", folder.string()}, with_key(server), columns);
        CHECK(result.exit_code == 4);
        std::string screen = stdout_part(after_last_erase(result.out));
        CAPTURE(screen);
        for (const std::string& line : lines_of(screen)) CHECK(columns_of_text(line) <= columns - 1);
        auto under = lines_under_summary(screen, "3 files: 2 uploaded, 1 failed");
        auto reasons = unwrapped(under);
        REQUIRE(reasons.size() == 1);
        CHECK(reasons[0] == "  failed: 02-catalogue.jpg [format] " + message);
        if (columns == 40) CHECK(under.size() > 1);  // proof that it was wrapped, not cut

        std::string row = row_of(screen, "failed", ".jpg");
        REQUIRE_FALSE(row.empty());
        CHECK_FALSE(contains(row, "march shoot"));  // the name as it is in the folder given
        if (columns >= 100) {
            CHECK(contains(row, "  02-catalogue.jpg  "));
            CHECK(contains(lines_of(screen)[0], "THUMBNAIL"));  // the column is there...
            CHECK(occurrences_of(row, "failed") == 1);               // ...and does not say failed again
            CHECK(contains(row_of(screen, "uploaded", "01-cover.jpg"), "  01-cover.jpg  "));
        }
        // The server holds the two photos and was never sent the PDF.
        CHECK(image_posts(server, 5).size() == 2);
        auto names = server.book_images(5);
        REQUIRE(names.size() == 2);
        CHECK(names[0]["original_filename"] == "01-cover.jpg");
        CHECK(names[1]["original_filename"] == "03-spine.jpg");
    }
}

TEST_CASE("after Ctrl-C on a terminal the files cancelled for one reason share one line with their count") {
    DevServer server({"--processing-delay-ms", "400"});
    TempDir dir;
    photos(dir, 10);
    RunOptions options = with_key(server);
    options.interrupt_as_keystroke = true;
    options.signal_when = [](const CommandResult& so_far) { return contains(so_far.out, " 1/10 files"); };
    auto result = run_bmx_on_terminal({"upload", "5", dir.path().string(), "--parallel", "1"}, options, 100);
    CHECK(result.exit_code == 130);
    std::string screen = stdout_part(after_last_erase(result.out));
    CAPTURE(screen);
    std::size_t cancelled_rows = 0, uploaded_rows = 0;
    for (const std::string& line : lines_of(screen)) {
        cancelled_rows += line.rfind("cancelled  ", 0) == 0 ? 1 : 0;
        uploaded_rows += line.rfind("uploaded  ", 0) == 0 ? 1 : 0;
    }
    REQUIRE(cancelled_rows >= 3);
    auto reasons = unwrapped(lines_under_summary(screen, "10 files: "));
    REQUIRE_FALSE(reasons.empty());
    std::size_t counted = 0, largest_group = 0;
    std::map<std::string, int> seen;  // each reason printed once
    for (const std::string& line : reasons) {
        CAPTURE(line);
        REQUIRE(line.rfind("  cancelled", 0) == 0);
        auto bracket = line.find(" [cancelled] ");
        REQUIRE(bracket != std::string::npos);
        CHECK(++seen[line.substr(bracket)] == 1);
        std::size_t count = 1;
        if (line.rfind("  cancelled (", 0) == 0) {
            count = std::stoul(line.substr(13));
            CHECK(line.substr(13 + std::to_string(count).size(), 9) == " files): ");
        }
        counted += count;
        largest_group = std::max(largest_group, count);
    }
    CHECK(counted == cancelled_rows);  // every cancelled file is in one line, once
    CHECK(largest_group >= 2);
    CHECK(server.book_images(5).size() == uploaded_rows);
}

TEST_CASE("files over the upload limit each get a short line, and the way out is said once with the count") {
    TempDir dir;
    auto files = photos(dir, 3);
    const std::vector<std::string> args{"upload", "--max-upload-bytes", "5000", "5", dir.path().string()};

    DevServer piped_server;
    auto piped = run_bmx(args, with_key(piped_server));
    CHECK(piped.exit_code == 2);
    json statuses = json::parse(piped.out);
    REQUIRE(statuses.size() == 3);
    for (const json& status : statuses) {
        CAPTURE(status.dump());
        CHECK(status["error"]["stage"] == "limits");
        std::string message = status["error"]["message"];
        CHECK(contains(message, "over the 5000 bytes limit (--max-upload-bytes)"));
        CHECK(contains(message, fmt::format("its upload request would be {} bytes", status["request_bytes"].get<long long>())));
        CHECK_FALSE(contains(message, "--fit"));
        CHECK(message.size() < 160);
    }
    CHECK(occurrences_of(piped.err, "  failed: ") == 3);  // pipe mode's line per file is still there
    CHECK(occurrences_of(piped.err, "--fit") == 1);
    CHECK(contains(piped.err, "bmx-api: 3 files were not sent: their upload requests are over the 5000 bytes limit "
                              "(--max-upload-bytes); --fit"));
    CHECK(image_posts(piped_server, 5).empty());

    DevServer server;
    auto shown = run_bmx_on_terminal(args, with_key(server), 120);
    CHECK(shown.exit_code == 2);
    std::string screen = without_escapes(after_last_erase(shown.out));
    CAPTURE(screen);
    auto reasons = unwrapped(lines_under_summary(stdout_part(screen), "3 files: 3 failed"));
    REQUIRE(reasons.size() == 3);
    for (std::size_t i = 0; i < 3; ++i) {
        CAPTURE(i);
        CHECK(reasons[i].rfind(fmt::format("  failed: {} [limits] not sent: its upload request would be ",
                                           files[i].filename().string()),
                               0) == 0);
        CHECK(contains(reasons[i], "over the 5000 bytes limit (--max-upload-bytes)"));
    }
    CHECK(occurrences_of(screen, "--fit") == 1);
    CHECK(contains(screen, "bmx-api: 3 files were not sent: their upload requests are over the 5000 bytes limit"));
    CHECK(image_posts(server, 5).empty());
}

TEST_CASE("a 413 for several files says to lower the limit once, with the count, and each status says only its own sizes") {
    DevServer server({"--max-upload-bytes", "150000"});
    TempDir dir;
    write_file(dir / "a.png", make_image_bytes("png", 400, 400, 2));
    write_file(dir / "b.png", make_image_bytes("png", 400, 400, 3));
    auto result = run_bmx({"upload", "--max-upload-bytes", "4669440", "1", (dir / "a.png").string(), (dir / "b.png").string()},
                          with_key(server));
    CHECK(result.exit_code == 1);
    json statuses = json::parse(result.out);
    REQUIRE(statuses.size() == 2);
    long long smallest = 0;
    for (const json& status : statuses) {
        CAPTURE(status.dump());
        CHECK(status["http_status"] == 413);
        std::string message = status["error"]["message"];
        CHECK(contains(message, fmt::format("too large: it was {} bytes", status["request_bytes"].get<long long>())));
        CHECK(contains(message, "bmx-api's limit was 4669440 bytes"));
        CHECK_FALSE(contains(message, "--fit"));
        long long sent = status["request_bytes"];
        smallest = smallest == 0 ? sent : std::min(smallest, sent);
    }
    CHECK(occurrences_of(result.err, "--fit") == 1);
    CHECK(contains(result.err, fmt::format("bmx-api: 2 files were refused as too large (HTTP 413): this server takes less "
                                           "than bmx-api's limit; set --max-upload-bytes below {} and add --fit",
                                           smallest)));
    auto posts = image_posts(server, 1);
    CHECK(posts.size() == 2);  // each sent once: a 413 is final
}

TEST_CASE("under TERM=dumb the table and its reasons cut with three dots, not a Unicode ellipsis") {
    TempDir dir;
    auto folder = march_shoot(dir);
    RunOptions options;
    DevServer xterm_server;
    // The proof for the absence below: an xterm at 40 columns is shown a cut cell.
    auto xterm = run_bmx_on_terminal({"upload", "5", folder.string()}, with_key(xterm_server), 40);
    CHECK(xterm.exit_code == 4);
    REQUIRE(contains(xterm.out, "\u2026"));

    DevServer server;
    options = with_key(server);
    options.env["TERM"] = "dumb";
    auto dumb = run_bmx_on_terminal({"upload", "5", folder.string()}, options, 40);
    CHECK(dumb.exit_code == 4);
    CAPTURE(dumb.out);
    CHECK(contains(dumb.out, "3 files: 2 uploaded, 1 failed"));
    CHECK_FALSE(contains(dumb.out, "\u2026"));
    CHECK_FALSE(contains(dumb.out, "\x1b"));
    std::size_t cut_rows = 0;
    for (const std::string& line : lines_of(stdout_part(dumb.out))) {
        CHECK(columns_of_text(line) <= 39);
        cut_rows += contains(line, "...") ? 1 : 0;
    }
    CHECK(cut_rows >= 1);
    CHECK(server.book_images(5).size() == 2);
}
