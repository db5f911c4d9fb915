// Reads, hashes, checks and thumbnails one file on a worker thread.
#include "upload/prepared_file.hpp"

#include <span>

#include <fmt/format.h>

#include "core/file_read.hpp"
#include "core/sha256.hpp"
#include "core/text.hpp"
#include "image/extension_check.hpp"
#include "image/sniff.hpp"
#include "image/thumbnail.hpp"
#include "image/thumbnail_write.hpp"

namespace bmx::upload {
namespace {

std::string content_type_of(image::Format format) {
    std::string name = to_lower(image::format_name(format));
    if (name == "jpeg" || name == "png" || name == "gif" || name == "bmp" || name == "webp") return "image/" + name;
    return "application/octet-stream";
}

Status write_local_thumbnail(PreparedFile& prepared, const image::Thumbnail& thumbnail, const UploadOptions& options) {
    if (!options.thumb_dir) return Ok{};
    std::error_code error;
    std::filesystem::create_directories(*options.thumb_dir, error);
    auto path = image::thumbnail_path(prepared.file, *options.thumb_dir);
    if (!path) return path.take_error();
    if (auto written = image::write_thumbnail(thumbnail, *path); !written) return written;
    prepared.thumbnail_path = path->string();
    return Ok{};
}

}  // namespace

PreparedFile prepare_file(std::size_t index, const std::filesystem::path& file, const UploadOptions& options,
                          const std::function<void(HashedFile)>& on_hashed) {
    PreparedFile prepared;
    prepared.index = index;
    prepared.file = file;

    auto bytes = read_small_file(file, max_upload_file_bytes);
    if (!bytes) {
        on_hashed(HashedFile{index, ""});
        prepared.error = bytes.error();
        return prepared;
    }
    prepared.bytes = static_cast<long long>(bytes->size());
    auto sha256 = sha256_hex(*bytes);
    if (!sha256) {
        on_hashed(HashedFile{index, ""});
        prepared.error = sha256.take_error();
        return prepared;
    }
    prepared.sha256 = std::move(*sha256);
    on_hashed(HashedFile{index, prepared.sha256});

    std::span<const unsigned char> view(reinterpret_cast<const unsigned char*>(bytes->data()), bytes->size());
    auto format = image::sniff(view);
    if (!format) {
        prepared.error = format.error();
        return prepared;
    }
    prepared.format = to_lower(image::format_name(*format));
    prepared.content_type = content_type_of(*format);
    if (auto mismatch = image::extension_warning(file, *format)) prepared.warnings.push_back(*mismatch);

    if (options.before_decode) options.before_decode(file);
    image::ThumbnailOptions thumbnail_options;
    thumbnail_options.size = options.thumbnail_size;
    thumbnail_options.quality = options.thumbnail_quality;
    // The pipeline already runs one worker per core; a resize helper thread per file would only compete.
    thumbnail_options.overlap = image::ResizeOverlap::same_thread;
    auto thumbnail = image::make_thumbnail(view, thumbnail_options);
    if (!thumbnail) {
        prepared.error = thumbnail.error();
        return prepared;
    }
    prepared.warnings.insert(prepared.warnings.end(), thumbnail->warnings.begin(), thumbnail->warnings.end());
    prepared.thumbnail_width = thumbnail->width;
    prepared.thumbnail_height = thumbnail->height;
    if (auto written = write_local_thumbnail(prepared, *thumbnail, options); !written) {
        prepared.error = written.error();
        return prepared;
    }
    prepared.thumbnail_jpeg.assign(thumbnail->jpeg.begin(), thumbnail->jpeg.end());
    return prepared;
}

}  // namespace bmx::upload
