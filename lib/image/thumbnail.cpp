// The thumbnail pipeline: sniff, header, limit, decode at size, orient, encode.
#include "image/thumbnail.hpp"

#include <new>

#include <fmt/format.h>

#include "image/decode.hpp"
#include "image/decode_admission.hpp"
#include "image/exif_orientation.hpp"
#include "image/extension_check.hpp"
#include "image/jpeg_encode.hpp"
#include "image/limits.hpp"
#include "image/orient.hpp"
#include "image/read_file.hpp"
#include "image/resize.hpp"
#include "image/sniff.hpp"
#include "image/source_header.hpp"

namespace bmx::image {
namespace {

Status check_options(const ThumbnailOptions& options) {
    if (options.size < 1) return make_error(Stage::usage, fmt::format("thumbnail size {} is below 1", options.size));
    return check_limit_options(options.max_pixels, options.decode.max_jpeg_scans);
}

Size swapped(Size size) { return {size.height, size.width}; }

Result<Thumbnail> thumbnail_of(std::span<const unsigned char> bytes, const ThumbnailOptions& options) {
    if (auto valid = check_options(options); !valid) return valid.take_error();
    auto format = sniff(bytes);
    if (!format) return format.take_error();
    auto header = read_source_header(*format, bytes);
    if (!header) return header.take_error();
    if (auto allowed = check_declared_size(header->width, header->height, options.max_pixels); !allowed)
        return allowed.take_error();

    Thumbnail thumbnail;
    thumbnail.format = std::string(format_name(*format));
    const int orientation = usable_orientation(header->exif_orientation, thumbnail.warnings);
    const bool swap = orientation_swaps_axes(orientation);
    // check_declared_size bounds both sides to max_side, so they fit in int.
    const Size stored{static_cast<int>(header->width), static_cast<int>(header->height)};
    const Size shown = swap ? swapped(stored) : stored;
    const Size target = fit_within(shown, options.size);

    const Size stored_target = swap ? swapped(target) : target;

    // Held until the resized image exists: the decode's peak memory is inside it.
    auto share = admit_decode(*format, bytes, stored, stored_target, options.decode);
    if (!share) return share.take_error();
    auto decoded = decode_to_size(*format, bytes, stored, stored_target, options.overlap, options.decode);
    share->reset();
    if (!decoded) return decoded.take_error();
    // Orientation is applied to the small image: the same result for a fraction of the work.
    const Pixels oriented = apply_orientation(std::move(decoded->pixels), orientation);
    auto jpeg = encode_jpeg(oriented, options.quality);
    if (!jpeg) return jpeg.take_error();

    thumbnail.source_width = shown.width;
    thumbnail.source_height = shown.height;
    thumbnail.width = oriented.width;
    thumbnail.height = oriented.height;
    thumbnail.jpeg = std::move(*jpeg);
    for (auto& warning : decoded->warnings) thumbnail.warnings.push_back(std::move(warning));
    return thumbnail;
}

}  // namespace

Result<Thumbnail> make_thumbnail(std::span<const unsigned char> bytes, const ThumbnailOptions& options) {
    try {
        return thumbnail_of(bytes, options);
    } catch (const std::bad_alloc&) {
        return make_error(Stage::decode, "not enough memory to make this thumbnail");
    }
}

FileThumbnail thumbnail_file(const std::filesystem::path& source, const ThumbnailOptions& options) {
    Result<FileBytes> file = [&]() -> Result<FileBytes> {
        try {
            return read_image_file(source);
        } catch (const std::bad_alloc&) {
            return make_error(Stage::read, "not enough memory to read this file");
        }
    }();
    if (!file) return {"", file.take_error()};
    const auto format = sniff(file->bytes());
    FileThumbnail outcome{format ? std::string(format_name(*format)) : "", make_thumbnail(file->bytes(), options)};
    if (outcome.thumbnail && format)
        if (auto warning = extension_warning(source, *format))
            outcome.thumbnail->warnings.insert(outcome.thumbnail->warnings.begin(), std::move(*warning));
    return outcome;
}

Result<Thumbnail> make_thumbnail_from_file(const std::filesystem::path& source, const ThumbnailOptions& options) {
    return thumbnail_file(source, options).thumbnail;
}

}  // namespace bmx::image
