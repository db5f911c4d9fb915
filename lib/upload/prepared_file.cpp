// Reads, hashes, checks and thumbnails one file on a worker thread.
#include "upload/prepared_file.hpp"

#include <algorithm>
#include <span>

#include <fmt/format.h>

#include "core/file_read.hpp"
#include "core/sha256.hpp"
#include "core/text.hpp"
#include "http/multipart_size.hpp"
#include "image/extension_check.hpp"
#include "image/fit_jpeg.hpp"
#include "image/sniff.hpp"
#include "image/thumbnail.hpp"
#include "image/thumbnail_write.hpp"
#include "upload/upload_request.hpp"

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

std::string fitted_filename(const std::filesystem::path& file) {
    std::string extension = to_lower(file.extension().string());
    if (extension == ".jpg" || extension == ".jpeg") return file.filename().string();
    return file.stem().string() + ".jpg";
}

// What a request adds to the photo, counted with the longest file names there can be (255 bytes,
// each byte escaped to 3): the fitted copy's budget then depends only on the content and the
// limit, never on the file's name, so a renamed file fits to the same bytes.
std::size_t framing_allowance(const PreparedFile& prepared) {
    PreparedFile longest_names;
    longest_names.file = std::string(800, 'x');
    longest_names.upload_filename = std::string(800, 'x');
    longest_names.content_type = "image/jpeg";
    longest_names.thumbnail_jpeg.assign(prepared.thumbnail_jpeg.size(), '\0');
    longest_names.original = std::make_shared<const std::string>();
    return http::multipart_body_bytes(upload_form(longest_names));
}

// The upload copy for a file whose request is over the limit: a JPEG that fits with everything
// else in the request, made from the file's bytes. The copy holds on to the original until it is
// sent, so while both live the file's share of the memory budget counts only the original (the
// copy is at most the limit more).
Status fit_upload_copy(PreparedFile& prepared, std::span<const unsigned char> view, const UploadOptions& options,
                       const image::DecodeControl& decode) {
    const std::size_t file_bytes = prepared.original->size();
    const std::size_t allowance = framing_allowance(prepared);
    if (allowance >= options.limit.bytes)
        return make_error(Stage::limits,
                          fmt::format("not sent: even without the photo, its request (the {}-byte thumbnail part and the "
                                      "multipart framing, with room for any file name) would be {} bytes, over the {}-byte "
                                      "limit ({}); no re-encoding can fit it",
                                      prepared.thumbnail_jpeg.size(), allowance, options.limit.bytes, options.limit.source));
    image::FitOptions fit_options;
    fit_options.max_bytes = options.limit.bytes - allowance;
    fit_options.max_pixels = options.max_pixels;
    fit_options.decode = decode;
    auto fitted = image::fit_jpeg(view, fit_options);
    if (!fitted) return fitted.error();
    prepared.warnings.insert(prepared.warnings.end(), fitted->warnings.begin(), fitted->warnings.end());
    auto original = prepared.original;
    auto copy = std::shared_ptr<const std::string>(
        new std::string(fitted->jpeg.begin(), fitted->jpeg.end()), [original](const std::string* held) { delete held; });
    auto sha256 = sha256_hex(*copy);
    if (!sha256) return sha256.error();
    prepared.fitted = FittedCopy{static_cast<long long>(file_bytes), static_cast<long long>(copy->size()), fitted->width,
                                 fitted->height, fitted->quality};
    prepared.original = std::move(copy);
    prepared.upload_filename = fitted_filename(prepared.file);
    prepared.content_type = "image/jpeg";
    prepared.sha256 = std::move(*sha256);
    prepared.bytes = static_cast<long long>(prepared.original->size());
    prepared.request_bytes = http::multipart_body_bytes(upload_form(prepared));
    if (prepared.request_bytes > options.limit.bytes)  // only with a name longer than any file system allows
        return over_upload_limit(prepared.request_bytes, prepared.original->size(), options.limit);
    return Ok{};
}

// The request this file makes, checked against the limit before anything is sent.
Status check_request_size(PreparedFile& prepared, std::span<const unsigned char> view, const UploadOptions& options,
                          const image::DecodeControl& decode) {
    prepared.request_bytes = http::multipart_body_bytes(upload_form(prepared));
    if (options.limit.bytes == 0 || prepared.request_bytes <= options.limit.bytes) return Ok{};
    if (!options.fit) return over_upload_limit(prepared.request_bytes, prepared.original->size(), options.limit);
    return fit_upload_copy(prepared, view, options, decode);
}

}  // namespace

PreparedFile prepare_file(std::size_t index, const std::filesystem::path& file, const UploadOptions& options,
                          const std::optional<std::filesystem::path>& thumbnail_out, OrderedBudget& budget,
                          const image::DecodeControl& decode, HeldContent& held, const PrepareHooks& hooks) {
    PreparedFile prepared;
    prepared.index = index;
    prepared.file = file;

    auto read = read_within_budget(index, file, budget);
    if (!read) {
        prepared.error = read.take_error();
        return prepared;
    }
    prepared.original = std::move(*read);
    const std::string& bytes = *prepared.original;
    prepared.bytes = static_cast<long long>(bytes.size());
    auto sha256 = sha256_hex(bytes);
    if (!sha256) {
        prepared.error = sha256.take_error();
        prepared.original.reset();
        return prepared;
    }
    prepared.sha256 = std::move(*sha256);
    prepared.file_sha256 = prepared.sha256;
    prepared.upload_filename = file.filename().string();
    hooks.on_hashed(HashedFile{index, prepared.sha256});

    std::span<const unsigned char> view(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    auto format = image::sniff(view);
    if (!format) {
        prepared.error = format.error();
        return prepared;
    }
    prepared.format = to_lower(image::format_name(*format));
    prepared.content_type = content_type_of(*format);
    if (auto mismatch = image::extension_warning(file, *format)) prepared.warnings.push_back(*mismatch);
    // Held by the book already: nothing is sent, so its memory goes back now (after the
    // thumbnail when --thumb-dir still wants one).
    if (auto recorded = held.lookup(prepared.file_sha256)) {
        prepared.already_held = std::move(*recorded);
        if (!thumbnail_out) {
            prepared.original.reset();
            return prepared;
        }
    }

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
    if (prepared.already_held) {
        prepared.original.reset();
        return prepared;
    }
    if (auto checked = check_request_size(prepared, view, options, decode); !checked) prepared.error = checked.error();
    return prepared;
}

}  // namespace bmx::upload
