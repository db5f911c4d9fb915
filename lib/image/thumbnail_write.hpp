// thumbnail_path and write_thumbnail: where a thumbnail goes (<stem>.thumb.jpg) and how it
// gets there without ever replacing the source or leaving half a file.
#pragma once

#include <filesystem>
#include <vector>

#include "core/result.hpp"
#include "image/thumbnail.hpp"

namespace bmx::image {

// out_dir / "<stem>.thumb.jpg". Stage "write" error when that path is the source file
// itself (through a link, say): the source is never overwritten.
Result<std::filesystem::path> thumbnail_path(const std::filesystem::path& source, const std::filesystem::path& out_dir);

// One planner for every command that writes thumbnails: each input's output path, or, for an
// input whose output name an earlier input already has (a/cover.jpg and b/cover.jpg), a stage
// "write" error naming that input, so no thumbnail silently replaces another.
std::vector<Result<std::filesystem::path>> plan_thumbnail_paths(const std::vector<std::filesystem::path>& files,
                                                                const std::filesystem::path& out_dir);

// Creates out_path's directory if needed, writes a temporary file beside out_path and
// renames it into place, so readers see the old file or the whole new one. Stage "write".
// A directory for thumbnails can be one: it is a directory, or its nearest existing ancestor
// is (it is made when the first thumbnail is written). A path that is, or runs through, an
// existing file is stage "usage", found once before any work rather than once per file.
Status check_thumbnail_dir(const std::filesystem::path& out_dir);

Status write_thumbnail(const Thumbnail& thumbnail, const std::filesystem::path& out_path);

}  // namespace bmx::image
