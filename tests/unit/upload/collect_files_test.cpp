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
