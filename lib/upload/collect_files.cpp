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
        collected.notes.push_back(fmt::format("{}: left out {} {} not {} by name: {}", directory.string(), left_out.size(),
                                              left_out.size() == 1 ? "entry that is" : "entries that are",
                                              left_out.size() == 1 ? "an image file" : "image files", fmt::join(left_out, ", ")));
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
        if (std::filesystem::is_directory(path, error))
            add_directory(path, collected);
        else
            collected.files.emplace_back(path);
        collected.shown_names.resize(collected.files.size(), path);
        collected.argument.resize(collected.files.size(), static_cast<std::size_t>(&path - paths.data()));
    }
    show_shared_names_as_paths(collected);
    return collected;
}

namespace {

// The file a path names, for comparing two inputs; a path that cannot be resolved (a missing
// file, say) is compared as written, made absolute.
std::filesystem::path identity_of(const std::filesystem::path& file) {
    std::error_code error;
    auto resolved = std::filesystem::weakly_canonical(file, error);
    if (!error) return resolved;
    auto absolute = std::filesystem::absolute(file, error);
    return error ? file.lexically_normal() : absolute.lexically_normal();
}

std::string how_given(const std::string& argument, const std::filesystem::path& file) {
    return file.string() == argument ? fmt::format("'{}'", argument) : fmt::format("'{}' (as {})", argument, file.string());
}

}  // namespace

std::optional<RepeatedInput> find_repeated_input(const CollectedFiles& collected, const std::vector<std::string>& paths) {
    std::map<std::filesystem::path, std::size_t> seen;
    for (std::size_t i = 0; i < collected.files.size() && i < collected.argument.size(); ++i) {
        auto [earlier, inserted] = seen.emplace(identity_of(collected.files[i]), i);
        if (inserted) continue;
        const std::string& first = paths.at(collected.argument[earlier->second]);
        const std::string& second = paths.at(collected.argument[i]);
        std::string message = fmt::format("{} and {} are the same file, given twice: give each file once",
                                          how_given(first, collected.files[earlier->second]),
                                          how_given(second, collected.files[i]));
        return RepeatedInput{first, second, std::move(message)};
    }
    return std::nullopt;
}

}  // namespace bmx::upload
