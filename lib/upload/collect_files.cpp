// Expands directories to their image files, sorted by name, and notes what was left out.
#include "upload/collect_files.hpp"

#include <algorithm>
#include <array>
#include <map>

#include <fmt/format.h>

#include "core/text.hpp"

namespace bmx::upload {
namespace {

bool has_image_extension(const std::filesystem::path& path) {
    static constexpr std::array extensions{".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp",
                                           ".heic", ".heif", ".avif", ".tif", ".tiff"};
    std::string extension = to_lower(path.extension().string());
    return std::find(extensions.begin(), extensions.end(), extension) != extensions.end();
}

// macOS writes ._NAME (AppleDouble) beside each copied file and .DS_Store in each folder; they
// share the photos' extensions but are not photos.
bool is_hidden(const std::filesystem::path& path) {
    const std::string name = path.filename().string();
    return !name.empty() && name.front() == '.';
}

void add_directory(const std::filesystem::path& directory, CollectedFiles& collected) {
    std::vector<std::filesystem::path> images;
    std::vector<std::string> left_out;
    std::vector<std::string> hidden;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
        if (is_hidden(entry.path())) {
            hidden.push_back(entry.path().filename().string());
            continue;
        }
        std::error_code type_error;
        if (!entry.is_regular_file(type_error) || !has_image_extension(entry.path())) {
            left_out.push_back(entry.path().filename().string());
            continue;
        }
        images.push_back(entry.path());
    }
    if (error) {
        // Reported as the directory's own failed status by the pipeline's read step.
        collected.files.push_back(directory);
        collected.shown_names.push_back(directory.string());
        return;
    }
    std::sort(images.begin(), images.end());
    std::sort(left_out.begin(), left_out.end());
    std::sort(hidden.begin(), hidden.end());
    collected.files.insert(collected.files.end(), images.begin(), images.end());
    for (const auto& image : images) collected.shown_names.push_back(image.filename().string());
    if (!hidden.empty())
        collected.notes.push_back(fmt::format("{}: skipped {} hidden file{} (names starting with '.'): {}", directory.string(),
                                              hidden.size(), hidden.size() == 1 ? "" : "s", fmt::join(hidden, ", ")));
    if (images.empty())
        collected.notes.push_back(fmt::format("{}: no image files (by extension) in this directory", directory.string()));
    if (!left_out.empty())
        collected.notes.push_back(fmt::format("{}: left out {} entr{} that {} not image files by name: {}",
                                              directory.string(), left_out.size(), left_out.size() == 1 ? "y" : "ies",
                                              left_out.size() == 1 ? "is" : "are", fmt::join(left_out, ", ")));
}

// "cover.jpg" from a/ and from b/ would read as one file: both are shown by their paths.
void show_shared_names_as_paths(CollectedFiles& collected) {
    std::map<std::string, std::size_t> uses;
    for (const std::string& name : collected.shown_names) ++uses[name];
    for (std::size_t i = 0; i < collected.files.size(); ++i)
        if (uses[collected.shown_names[i]] > 1) collected.shown_names[i] = collected.files[i].string();
}

}  // namespace

CollectedFiles collect_files(const std::vector<std::string>& paths) {
    CollectedFiles collected;
    for (const std::string& path : paths) {
        std::error_code error;
        if (std::filesystem::is_directory(path, error)) {
            add_directory(path, collected);
            continue;
        }
        collected.files.emplace_back(path);
        collected.shown_names.push_back(path);
    }
    show_shared_names_as_paths(collected);
    return collected;
}

}  // namespace bmx::upload
