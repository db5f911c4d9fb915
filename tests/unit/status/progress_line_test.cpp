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
    progress.bytes_sent = 12LL * 1024 * 1024 + 300 * 1024;  // 12.3 MiB
    progress.bytes_planned = 20LL * 1024 * 1024;
    progress.plan_complete = true;
    progress.elapsed_seconds = 10;
    progress.phase = ProgressPhase::running;
    return progress;
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
            std::string line = status::render_progress_line(progress, width);
            CHECK(status::display_width(line) <= width - 1);
            if (width >= 20) CHECK(line_holds(line, "12/20"));
        }
    }
}

TEST_CASE("at 80 columns the line shows the bar, files, bytes sent, rate and ETA") {
    std::string line = status::render_progress_line(halfway(), 80);
    CHECK(line.size() == 79);  // the bar takes what the fields leave
    CHECK(inside_of_bar(line) >= 10);
    CHECK(line_holds(line, "] 12/20 files  12.3 MiB sent  "));
    CHECK(line_holds(line, "1.2 MiB/s"));
    // 7.7 MiB left at 1.23 MiB/s: 6.3 s, shown rounded up.
    CHECK(line_holds(line, "ETA 0:07"));
}

TEST_CASE("at 40 columns the rate goes first, the word files makes room for the bar, at 20 only the count is left") {
    std::string forty = status::render_progress_line(halfway(), 40);
    CHECK(forty.size() == 39);
    CHECK(line_holds(forty, "] 12/20  12.3 MiB sent  ETA 0:07"));
    CHECK(inside_of_bar(forty) >= 6);
    CHECK_FALSE(line_holds(forty, "MiB/s"));

    CHECK(status::render_progress_line(halfway(), 20) == "12/20 files");
    Progress cancelled = halfway();
    cancelled.phase = ProgressPhase::cancelled;
    CHECK(status::render_progress_line(cancelled, 20) == "cancelled 12/20");
}

TEST_CASE("at 200 columns every field is there and the bar stops growing at 40") {
    std::string line = status::render_progress_line(halfway(), 200);
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
        std::string line = status::render_progress_line(progress, width);
        CHECK(line_holds(line, "cancelled 19/20"));
        REQUIRE(inside_of_bar(line) > 0);
        CHECK(filled_of_bar(line) < inside_of_bar(line));
        CHECK_FALSE(line_holds(line, "ETA"));
    }
    progress.files_done = 20;
    progress.files_cancelled = 0;
    progress.phase = ProgressPhase::finished;
    std::string finished = status::render_progress_line(progress, 80);
    CHECK(filled_of_bar(finished) == inside_of_bar(finished));
}

TEST_CASE("while stopping the line offers the second Ctrl-C and keeps it before the rate") {
    Progress progress = halfway();
    progress.phase = ProgressPhase::stopping;
    std::string wide = status::render_progress_line(progress, 120);
    CHECK(line_holds(wide, "stopping 12/20 files  12.3 MiB sent  Ctrl-C again to abort now"));
    CHECK_FALSE(line_holds(wide, "ETA"));
    std::string eighty = status::render_progress_line(progress, 80);
    CHECK(eighty.size() <= 79);
    CHECK(line_holds(eighty, "Ctrl-C again to abort now"));
}

TEST_CASE("the ETA waits for the whole plan and a second of sending") {
    Progress progress = halfway();
    progress.plan_complete = false;
    CHECK_FALSE(line_holds(status::render_progress_line(progress, 200), "ETA"));
    progress = halfway();
    progress.elapsed_seconds = 0.5;
    CHECK_FALSE(line_holds(status::render_progress_line(progress, 200), "ETA"));
    progress = halfway();
    progress.files_done = 20;  // all done: the batch is reading back the order, nothing left to send
    CHECK_FALSE(line_holds(status::render_progress_line(progress, 200), "ETA"));
}
