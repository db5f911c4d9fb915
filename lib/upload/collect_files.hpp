// Expands the PATH arguments of an upload: files as given, directories to their images by name.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace bmx::upload {

struct CollectedFiles {
    std::vector<std::filesystem::path> files;
    std::vector<std::string> notes;  // e.g. "photos/: left out 2 files that are not images by name: notes.txt, .DS_Store"
};

// A directory contributes its regular files with an image extension (jpg, jpeg, png, gif, bmp,
// webp, heic, heif, avif, tif, tiff), sorted by name, not recursing; what it leaves out is noted.
// Anything else is passed through, so a missing or odd path gets its own failed status later.
CollectedFiles collect_files(const std::vector<std::string>& paths);

}  // namespace bmx::upload
