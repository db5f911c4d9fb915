// Reads, hashes, checks and thumbnails one file on a worker thread.
#include "upload/prepared_file.hpp"

#include <algorithm>
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

Status write_local_thumbnail(PreparedFile& prepared, const image::Thumbnail& thumbnail,
                             const std::optional<std::filesystem::path>& thumbnail_out) {
    if (!thumbnail_out) return Ok{};
    if (auto written = image::write_thumbnail(thumbnail, *thumbnail_out); !written) return written;
    prepared.thumbnail_path = thumbnail_out->string();
    return Ok{};
}

// The file's bytes, held against the budget: its share goes back when the last holder lets go.
Result<std::shared_ptr<const std::string>> read_within_budget(std::size_t index, const std::filesystem::path& file,
                                                               OrderedBudget& budget) {
    std::error_code size_error;
    auto size = std::filesystem::file_size(file, size_error);
    std::size_t share = size_error ? 0 : static_cast<std::size_t>(std::min<std::uintmax_t>(size, max_upload_file_bytes));
    if (!budget.acquire(index, share))
        return make_error(Stage::cancelled, "cancelled before it was read");
    auto bytes = read_small_file(file, max_upload_file_bytes);
    if (!bytes) {
        budget.release(share);
        return bytes.take_error();
    }
    OrderedBudget* owner = &budget;
    return std::shared_ptr<const std::string>(new std::string(std::move(*bytes)), [owner, share](const std::string* held) {
        delete held;
        owner->release(share);
    });
}

}  // namespace

PreparedFile prepare_file(std::size_t index, const std::filesystem::path& file, const UploadOptions& options,
                          const std::optional<std::filesystem::path>& thumbnail_out, OrderedBudget& budget,
                          const image::DecodeControl& decode, const std::function<void(HashedFile)>& on_hashed) {
    PreparedFile prepared;
    prepared.index = index;
    prepared.file = file;

    auto held = read_within_budget(index, file, budget);
    if (!held) {
        prepared.error = held.take_error();
        return prepared;
    }
    prepared.original = std::move(*held);
    const std::string& bytes = *prepared.original;
    prepared.bytes = static_cast<long long>(bytes.size());
    auto sha256 = sha256_hex(bytes);
    if (!sha256) {
        prepared.error = sha256.take_error();
        prepared.original.reset();
        return prepared;
    }
    prepared.sha256 = std::move(*sha256);
    on_hashed(HashedFile{index, prepared.sha256});

    std::span<const unsigned char> view(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
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
    thumbnail_options.max_pixels = options.max_pixels;
    // The pipeline already runs one worker per core; a resize helper thread per file would only compete.
    thumbnail_options.overlap = image::ResizeOverlap::same_thread;
    thumbnail_options.decode = decode;
    auto thumbnail = image::make_thumbnail(view, thumbnail_options);
    if (!thumbnail) {
        prepared.error = thumbnail.error();
        return prepared;
    }
    prepared.warnings.insert(prepared.warnings.end(), thumbnail->warnings.begin(), thumbnail->warnings.end());
    prepared.thumbnail_width = thumbnail->width;
    prepared.thumbnail_height = thumbnail->height;
    if (auto written = write_local_thumbnail(prepared, *thumbnail, thumbnail_out); !written) {
        prepared.error = written.error();
        return prepared;
    }
    prepared.thumbnail_jpeg.assign(thumbnail->jpeg.begin(), thumbnail->jpeg.end());
    return prepared;
}

}  // namespace bmx::upload
