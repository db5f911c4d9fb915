// collect_files: directories expand to their images by name; dotfiles are skipped and noted.
#include <doctest/doctest.h>

#include "support/temp_dir.hpp"
#include "support/text.hpp"
#include "upload/collect_files.hpp"

using namespace bmx;
using bmx::testing::TempDir;
using bmx::testing::write_file;

TEST_CASE("a directory skips names starting with a dot and says which, in one note") {
    TempDir dir;
    write_file(dir / "b.jpg", "b");
    write_file(dir / "a.JPG", "a");
    write_file(dir / "._a.JPG", "apple double");
    write_file(dir / ".DS_Store", "finder");
    write_file(dir / ".hidden" / "x.jpg", "in a hidden folder");
    auto collected = upload::collect_files({dir.path().string()});
    REQUIRE(collected.files.size() == 2);
    CHECK(collected.files[0] == dir / "a.JPG");
    CHECK(collected.files[1] == dir / "b.jpg");
    REQUIRE(collected.notes.size() == 1);
    CHECK(collected.notes[0] ==
          dir.path().string() + ": skipped 3 hidden files (names starting with '.'): .DS_Store, ._a.JPG, .hidden");
}

TEST_CASE("a dotfile named on its own is taken as given") {
    TempDir dir;
    write_file(dir / "._a.jpg", "apple double");
    auto collected = upload::collect_files({(dir / "._a.jpg").string()});
    REQUIRE(collected.files.size() == 1);
    CHECK(collected.files[0] == dir / "._a.jpg");
    CHECK(collected.notes.empty());
}

TEST_CASE("a file from a directory is shown by its name in that directory, a file given by the path given") {
    TempDir dir;
    write_file(dir / "march shoot" / "02-spine.jpg", "b");
    write_file(dir / "march shoot" / "01-cover.jpg", "a");
    write_file(dir / "loose.jpg", "c");
    auto collected = upload::collect_files({(dir / "march shoot").string(), (dir / "loose.jpg").string()});
    REQUIRE(collected.files.size() == 3);
    REQUIRE(collected.shown_names.size() == 3);
    CHECK(collected.files[0] == dir / "march shoot" / "01-cover.jpg");
    CHECK(collected.shown_names[0] == "01-cover.jpg");
    CHECK(collected.shown_names[1] == "02-spine.jpg");
    CHECK(collected.shown_names[2] == (dir / "loose.jpg").string());
}

TEST_CASE("two directories holding the same name show both files by their paths") {
    TempDir dir;
    write_file(dir / "a" / "cover.jpg", "a");
    write_file(dir / "b" / "cover.jpg", "b");
    write_file(dir / "b" / "spine.jpg", "c");
    auto collected = upload::collect_files({(dir / "a").string(), (dir / "b").string()});
    REQUIRE(collected.shown_names.size() == 3);
    CHECK(collected.shown_names[0] == (dir / "a" / "cover.jpg").string());
    CHECK(collected.shown_names[1] == (dir / "b" / "cover.jpg").string());
    CHECK(collected.shown_names[2] == "spine.jpg");
}
