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

TEST_CASE("each file knows the argument it came from, and a file given twice is found with both arguments") {
    TempDir dir;
    write_file(dir / "shoot" / "01.jpg", "1");
    write_file(dir / "shoot" / "02.jpg", "2");
    write_file(dir / "cover.jpg", "c");
    const std::vector<std::string> paths{(dir / "cover.jpg").string(), (dir / "shoot").string(),
                                         (dir / "shoot" / "." / "02.jpg").string()};
    auto collected = upload::collect_files(paths);
    REQUIRE(collected.files.size() == 4);
    CHECK(collected.argument == std::vector<std::size_t>{0, 1, 1, 2});
    auto repeated = upload::find_repeated_input(collected, paths);
    REQUIRE(repeated);
    CHECK(repeated->first_argument == paths[1]);
    CHECK(repeated->second_argument == paths[2]);
    CHECK(repeated->message == "'" + paths[1] + "' (as " + (dir / "shoot" / "02.jpg").string() + ") and '" + paths[2] +
                                   "' are the same file, given twice: give each file once");
}

TEST_CASE("different files, and files that do not exist under different names, are not repeats") {
    TempDir dir;
    write_file(dir / "a.jpg", "same bytes");
    write_file(dir / "b.jpg", "same bytes");  // the same content is the batch's dedupe, not a repeat
    const std::vector<std::string> paths{(dir / "a.jpg").string(), (dir / "b.jpg").string(), (dir / "gone-1.jpg").string(),
                                         (dir / "gone-2.jpg").string()};
    auto collected = upload::collect_files(paths);
    CHECK_FALSE(upload::find_repeated_input(collected, paths));
    const std::vector<std::string> twice{(dir / "gone-1.jpg").string(), (dir / "x" / ".." / "gone-1.jpg").string()};
    auto missing = upload::collect_files(twice);
    REQUIRE(upload::find_repeated_input(missing, twice));
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
