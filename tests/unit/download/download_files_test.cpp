// A download's file names, its image check and its safe writes, without a server.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/sha256.hpp"
#include "download/file_naming.hpp"
#include "download/file_placement.hpp"
#include "download/image_body.hpp"
#include "status/download_status.hpp"
#include "support/image_fixtures.hpp"
#include "support/temp_dir.hpp"

namespace download_files_test {

using bmx::upload::ListedImage;

ListedImage listed(long long id, std::optional<std::string> original, std::optional<std::string> s3_key) {
    ListedImage image;
    image.id = id;
    image.original_filename = std::move(original);
    image.s3_key = std::move(s3_key);
    return image;
}

std::string contents(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream all;
    all << in.rdbuf();
    return all.str();
}

std::size_t entries_in(const std::filesystem::path& dir) {
    std::size_t count = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) ++count;
    return count;
}

using namespace bmx::download;

TEST_CASE("downloaded files are named NN-NAME in book order, NAME made safe or taken from the s3_key") {
    CHECK(safe_image_name(listed(1, "plate.jpg", "books/5/1.jpg")) == "plate.jpg");
    CHECK(safe_image_name(listed(1, "../../etc/passwd", std::nullopt)) == "_.._etc_passwd");
    CHECK(safe_image_name(listed(1, ".hidden.jpg", std::nullopt)) == "hidden.jpg");
    CHECK(safe_image_name(listed(1, "a\x01\nb.jpg", std::nullopt)) == "ab.jpg");
    CHECK(safe_image_name(listed(7, std::nullopt, "books/5/7.png")) == "7.png");
    CHECK(safe_image_name(listed(7, "..", "books/5/")) == "image-7");
    CHECK(numbered_name(3, 12, "x.jpg") == "03-x.jpg");
    CHECK(numbered_name(3, 5, "x.jpg") == "03-x.jpg");
    CHECK(numbered_name(7, 120, "x.jpg") == "007-x.jpg");
    const auto names = book_file_names({listed(9, "b.jpg", std::nullopt), listed(2, "a.jpg", std::nullopt)});
    CHECK(names == std::vector<std::string>{"01-b.jpg", "02-a.jpg"});
}

TEST_CASE("a body is an image only when its Content-Type is image/* and its bytes sniff as one") {
    const std::string jpeg = bmx::testing::make_image_bytes("jpeg", 8, 8, 1);
    CHECK(check_image_body(std::string("image/jpeg"), jpeg).ok());
    CHECK(check_image_body(std::string("Image/JPEG"), jpeg).ok());
    auto html = check_image_body(std::string("text/html"), jpeg);
    REQUIRE_FALSE(html.ok());
    CHECK(html.error().stage == bmx::Stage::format);
    CHECK(html.error().message.find("text/html") != std::string::npos);
    CHECK_FALSE(check_image_body(std::nullopt, jpeg).ok());
    auto pdf = check_image_body(std::string("image/jpeg"), "%PDF-1.4 not a photo");
    REQUIRE_FALSE(pdf.ok());
    CHECK(pdf.error().stage == bmx::Stage::format);
}

TEST_CASE("place_file writes through a temporary name, keeps identical content and refuses other content without force") {
    bmx::testing::TempDir dir;
    const std::filesystem::path target = dir / "01-a.jpg";
    const std::string first = "first bytes", second = "second bytes";
    const PlacedFile one{target, first, *bmx::sha256_hex(first), 5};
    const PlacedFile two{target, second, *bmx::sha256_hex(second), 5};

    auto wrote = place_file(one, Overwrite::refuse);
    REQUIRE(wrote.ok());
    CHECK(*wrote == Placed::written);
    CHECK(contents(target) == first);
    CHECK(entries_in(dir.path()) == 1);  // no temporary file left

    auto again = place_file(one, Overwrite::refuse);
    REQUIRE(again.ok());
    CHECK(*again == Placed::already_there);

    auto clash = place_file(two, Overwrite::refuse);
    REQUIRE_FALSE(clash.ok());
    CHECK(clash.error().stage == bmx::Stage::write);
    CHECK(clash.error().message.find(one.sha256) != std::string::npos);
    CHECK(clash.error().message.find(two.sha256) != std::string::npos);
    CHECK(contents(target) == first);

    REQUIRE(place_file(two, Overwrite::allow).ok());
    CHECK(contents(target) == second);
    CHECK(entries_in(dir.path()) == 1);

    auto nowhere = place_file(PlacedFile{dir / "missing" / "01-a.jpg", first, one.sha256, 5}, Overwrite::refuse);
    REQUIRE_FALSE(nowhere.ok());
    CHECK(nowhere.error().stage == bmx::Stage::write);
}

TEST_CASE("a download status names its image, file, bytes, sha256 and download_status, with null error when it worked") {
    ImageDownload image;
    image.id = 17;
    image.display_order = 2;
    image.file = "book-5/03-a.jpg";
    image.bytes = 11;
    image.sha256 = "ab";
    image.state = DownloadState::skipped;
    auto json = bmx::status::download_status_json(image);
    CHECK(json["id"] == 17);
    CHECK(json["display_order"] == 2);
    CHECK(json["file"] == "book-5/03-a.jpg");
    CHECK(json["bytes"] == 11);
    CHECK(json["sha256"] == "ab");
    CHECK(json["download_status"] == "skipped");
    CHECK(json["error"].is_null());

    ImageDownload failed;
    failed.state = DownloadState::failed;
    failed.error = bmx::Error{bmx::Stage::http, "HTTP 404 Not Found", 404};
    auto failed_json = bmx::status::download_status_json(failed);
    CHECK(failed_json["bytes"].is_null());
    CHECK(failed_json["display_order"].is_null());
    CHECK(failed_json["error"]["stage"] == "http");
    CHECK(failed_json["error"]["http_status"] == 404);
    CHECK(bmx::status::download_summary_line({image, failed}, "book-5") == "1 skipped, 1 failed (2 images, in book-5)");
}

}  // namespace download_files_test
