// The upload progress line fits the terminal at every width and never shows a cancelled batch complete.
#include <doctest/doctest.h>

#include <string>

#include "status/progress_line.hpp"
#include "status/terminal_text.hpp"

using namespace bmx;
using upload::Progress;
using upload::ProgressPhase;

namespace {

Progress halfway() {
    Progress progress;
    progress.files_total = 20;
    progress.files_done = 12;
    progress.bytes_confirmed = 12LL * 1024 * 1024 + 300 * 1024;  // 12.3 MiB
    progress.bytes_planned = 20LL * 1024 * 1024;
    progress.plan_complete = true;
    progress.elapsed_seconds = 10;
    progress.phase = ProgressPhase::running;
    return progress;
}

// What TransferRate would read for a steady batch: its average rate, and the time left at it.
status::RateReading steady_rate(const Progress& progress) {
    if (progress.elapsed_seconds < 1) return {};
    double rate = static_cast<double>(progress.bytes_confirmed) / progress.elapsed_seconds;
    return {rate, static_cast<double>(progress.bytes_planned - progress.bytes_confirmed) / rate};
}

std::string render(const Progress& progress, int width) {
    return status::render_progress_line(progress, steady_rate(progress), width);
}

bool line_holds(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

int inside_of_bar(const std::string& line) {
    if (line.empty() || line.front() != '[') return -1;
    return static_cast<int>(line.find(']')) - 1;
}

int filled_of_bar(const std::string& line) {
    int filled = 0;
    for (std::size_t i = 1; i < line.size() && line[i] != ']'; ++i) filled += line[i] == '=' ? 1 : 0;
    return filled;
}

}  // namespace

TEST_CASE("the progress line is never wider than the terminal less one column, at 20, 40, 80 and 200") {
    for (ProgressPhase phase : {ProgressPhase::running, ProgressPhase::stopping, ProgressPhase::cancelled, ProgressPhase::finished}) {
        Progress progress = halfway();
        progress.phase = phase;
        for (int width : {1, 2, 10, 20, 40, 65, 80, 200}) {
            CAPTURE(width);
            CAPTURE(static_cast<int>(phase));
            std::string line = render(progress, width);
            CHECK(status::display_width(line) <= width - 1);
            if (width >= 20) CHECK(line_holds(line, "12/20"));
        }
    }
}

TEST_CASE("at 80 columns the line shows the bar, files, bytes sent, rate and ETA") {
    std::string line = render(halfway(), 80);
    CHECK(line.size() == 79);  // the bar takes what the fields leave
    CHECK(inside_of_bar(line) >= 10);
    CHECK(line_holds(line, "] 12/20 files  12.3 MiB sent  "));
    CHECK(line_holds(line, "1.2 MiB/s"));
    // 7.7 MiB left at 1.23 MiB/s: 6.3 s, shown rounded up.
    CHECK(line_holds(line, "ETA 0:07"));
}

TEST_CASE("at 40 columns the rate goes first, the word files makes room for the bar, at 20 only the count is left") {
    std::string forty = render(halfway(), 40);
    CHECK(forty.size() == 39);
    CHECK(line_holds(forty, "] 12/20  12.3 MiB sent  ETA 0:07"));
    CHECK(inside_of_bar(forty) >= 6);
    CHECK_FALSE(line_holds(forty, "MiB/s"));

    CHECK(render(halfway(), 20) == "12/20 files");
    Progress cancelled = halfway();
    cancelled.phase = ProgressPhase::cancelled;
    CHECK(render(cancelled, 20) == "cancelled 12/20");
}

TEST_CASE("at 200 columns every field is there and the bar stops growing at 40") {
    std::string line = render(halfway(), 200);
    CHECK(inside_of_bar(line) == 40);
    CHECK(filled_of_bar(line) == 24);  // 12 of 20
    CHECK(line_holds(line, "ETA 0:07"));
    CHECK(line_holds(line, "MiB/s"));
}

TEST_CASE("a cancelled batch says cancelled and its bar is not full, whatever the width") {
    Progress progress = halfway();
    progress.files_done = 19;  // the last file was cancelled, not done
    progress.files_cancelled = 1;
    progress.phase = ProgressPhase::cancelled;
    for (int width : {40, 80, 200}) {
        CAPTURE(width);
        std::string line = render(progress, width);
        CHECK(line_holds(line, "cancelled 19/20"));
        REQUIRE(inside_of_bar(line) > 0);
        CHECK(filled_of_bar(line) < inside_of_bar(line));
        CHECK_FALSE(line_holds(line, "ETA"));
    }
    progress.files_done = 20;
    progress.files_cancelled = 0;
    progress.phase = ProgressPhase::finished;
    std::string finished = render(progress, 80);
    CHECK(filled_of_bar(finished) == inside_of_bar(finished));
}

TEST_CASE("while stopping the line offers the second Ctrl-C and keeps it before the rate") {
    Progress progress = halfway();
    progress.phase = ProgressPhase::stopping;
    progress.interrupted = true;
    std::string wide = render(progress, 120);
    CHECK(line_holds(wide, "stopping 12/20 files  12.3 MiB sent  Ctrl-C again to abort now"));
    CHECK_FALSE(line_holds(wide, "ETA"));
    std::string eighty = render(progress, 80);
    CHECK(eighty.size() <= 79);
    CHECK(line_holds(eighty, "Ctrl-C again to abort now"));
}

TEST_CASE("the ETA waits for the whole plan and a rate") {
    Progress progress = halfway();
    progress.plan_complete = false;
    CHECK_FALSE(line_holds(render(progress, 200), "ETA"));
    progress = halfway();
    progress.elapsed_seconds = 0.5;
    CHECK_FALSE(line_holds(render(progress, 200), "ETA"));
    progress = halfway();
    progress.files_done = 20;  // all done: the batch is reading back the order, nothing left to send
    CHECK_FALSE(line_holds(render(progress, 200), "ETA"));
}

TEST_CASE("a batch stopped by an answer names it while stopping and once cancelled, and offers no second Ctrl-C") {
    Progress progress = halfway();
    progress.phase = ProgressPhase::stopping;
    progress.stopped_by = bmx::Error{bmx::Stage::http, "HTTP 401 Unauthorized: Authentication required", 401};
    std::string wide = render(progress, 120);
    CHECK(line_holds(wide, "stopping 12/20 files  12.3 MiB sent  stopped by HTTP 401 from the server"));
    CHECK_FALSE(line_holds(wide, "Ctrl-C"));
    progress.phase = ProgressPhase::cancelled;
    CHECK(line_holds(render(progress, 120), "cancelled 12/20 files  12.3 MiB sent  stopped by HTTP 401 from the server"));
    // A Ctrl-C after the answer: both are true, both are said.
    progress.phase = ProgressPhase::stopping;
    progress.interrupted = true;
    std::string both = render(progress, 120);
    CHECK(line_holds(both, "stopped by HTTP 401 from the server  Ctrl-C again to abort now"));
    // Without a status (the book could not be read at all), its words, cut.
    progress.interrupted = false;
    progress.stopped_by = bmx::Error{bmx::Stage::connect, "could not connect to 127.0.0.1 port 9 (connection refused) while reading the book", 0};
    std::string words = render(progress, 200);
    CHECK(line_holds(words, "stopped: could not connect to 127.0.0.1 port 9"));
    CHECK(status::display_width(words) <= 199);
}

TEST_CASE("from 100 columns the line names the upload in flight and how far along it is, below 100 it does not") {
    Progress progress = halfway();
    progress.sending = upload::FileInFlight{"03-spine.jpg", 410, 1000};
    for (int width : {100, 120, 200}) {
        CAPTURE(width);
        std::string line = render(progress, width);
        CHECK(line_holds(line, "1.2 MiB/s  03-spine.jpg 41%"));
        CHECK(status::display_width(line) <= width - 1);
        CHECK(inside_of_bar(line) >= 6);
    }
    for (int width : {40, 80, 99}) {
        CAPTURE(width);
        std::string line = render(progress, width);
        CHECK(line_holds(line, "12/20"));  // the proof that a line was drawn
        CHECK_FALSE(line_holds(line, "spine"));
    }
    // A long name keeps its end, cut to fit; the line is still within the width.
    progress.sending->name = "a-very-long-name-from-a-camera-that-never-ends-2024-06-01-03-spine.jpg";
    std::string cut = render(progress, 100);
    CHECK(line_holds(cut, "…"));
    CHECK(line_holds(cut, "03-spine.jpg 41%"));
    CHECK(status::display_width(cut) <= 99);
    // Control characters in a name are shown escaped, never sent to the terminal.
    progress.sending->name = "evil\x1b[2J.jpg";
    std::string escaped = render(progress, 120);
    CHECK(line_holds(escaped, "[2J.jpg 41%"));  // the name is there, its escape made visible
    CHECK_FALSE(line_holds(escaped, "\x1b"));
    // Not while stopping: the cause and the hint matter more.
    progress.phase = ProgressPhase::stopping;
    progress.interrupted = true;
    progress.sending->name = "03-spine.jpg";
    std::string stopping = render(progress, 120);
    CHECK(line_holds(stopping, "Ctrl-C again"));
    CHECK_FALSE(line_holds(stopping, "spine"));
}
