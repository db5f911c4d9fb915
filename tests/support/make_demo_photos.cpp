// bmx-demo-photos: writes a book's worth of sample photos into a directory for the README demo,
// including the cases the main job meets in real life: a broken file, a wrong file, a repeat.
#include <cstdio>
#include <filesystem>
#include <string>

#include "support/image_fixtures.hpp"
#include "support/text.hpp"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: bmx-demo-photos DIR\n");
        return 2;
    }
    std::filesystem::path dir = argv[1];
    std::filesystem::create_directories(dir);
    using bmx::testing::make_image_bytes;
    using bmx::testing::write_file;
    std::string cover = make_image_bytes("jpeg", 2400, 1800, 1);
    write_file(dir / "01-cover.jpg", cover);
    write_file(dir / "02-spine.jpg", make_image_bytes("jpeg", 1200, 2400, 2));
    write_file(dir / "03-title-page.png", make_image_bytes("png", 1000, 1400, 3));
    write_file(dir / "04-plate.webp", make_image_bytes("webp", 1600, 1200, 4));
    write_file(dir / "05-binding.jpg", make_image_bytes("jpeg", 2000, 1500, 5));
    write_file(dir / "06-truncated.jpg", cover.substr(0, cover.size() / 2));
    write_file(dir / "07-invoice.jpg", "%PDF-1.7\n% an invoice saved with the wrong name\n");
    write_file(dir / "08-cover-again.jpg", cover);
    std::printf("wrote 8 sample photos to %s\n", dir.c_str());
    return 0;
}
