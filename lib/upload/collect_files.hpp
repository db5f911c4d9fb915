// Expands the PATH arguments of an upload: files as given, directories to their images by name.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace bmx::upload {

struct CollectedFiles {
    std::vector<std::filesystem::path> files;
    std::vector<std::size_t> argument;  // for each file, the index of the PATH argument it came from
    // For people, one per file: its path inside the directory argument it came from
    // ("01-cover.jpg" for "march shoot/01-cover.jpg"), else the path as given. Two files that
    // would share a name are both shown by their paths.
    std::vector<std::string> shown_names;
    // For stderr, e.g. "photos: skipped 2 hidden files (names starting with '.'): ._IMG_0001.JPG, .DS_Store"
    // and "photos: left out 1 entry that is not an image file by name: notes.txt".
    std::vector<std::string> notes;
};

// A directory contributes its regular files with an image extension (jpg, jpeg, png, gif, bmp,
// webp, heic, heif, avif, tif, tiff), sorted by name, not recursing; what it leaves out is noted.
// Names starting with '.' (macOS's ._IMG_0001.JPG and .DS_Store among them) are skipped there.
// Anything else is passed through, so a missing or odd path, or a dotfile named on its own, is
// taken as given (and a bad one gets its own failed status later).
CollectedFiles collect_files(const std::vector<std::string>& paths);

// Two inputs that are one file on disk (after resolving the path: "a.jpg" and "./a.jpg", or a
// file named on its own and again through its directory), and the message saying so.
struct RepeatedInput {
    std::string first_argument;   // the PATH arguments they came from, as given
    std::string second_argument;
    std::string message;
};
std::optional<RepeatedInput> find_repeated_input(const CollectedFiles& collected, const std::vector<std::string>& paths);

}  // namespace bmx::upload
