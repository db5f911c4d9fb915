// The full-size decode behind fit_jpeg: header checks, budget share, decode, flatten, orient.
#include "image/upright_decode.hpp"

#include <optional>


#include "image/decode.hpp"
#include "image/decode_admission.hpp"
#include "image/exif_orientation.hpp"
#include "image/flatten.hpp"
#include "image/jpeg_decode.hpp"
#include "image/limits.hpp"
#include "image/orient.hpp"
#include "image/sniff.hpp"
#include "image/source_header.hpp"
#include "image/stb_decode.hpp"
#include "image/webp_decode.hpp"

namespace bmx::image {
namespace {

// Every pixel, RGB, in stored orientation.
Result<DecodedImage> decode_full_size(Format format, std::span<const unsigned char> bytes, Size stored,
                                      const DecodeControl& control) {
    auto decoded = format == Format::jpeg   ? decode_jpeg(bytes, ScaleFactor{}, control)
                   : format == Format::webp ? decode_webp(bytes)
                                            : decode_with_stb(format, bytes);
    if (!decoded) return decoded.take_error();
    // stb_image and libwebp cannot be stopped mid-decode; a Ctrl-C is seen as soon as they return.
    if (control.cancel.cancelled()) return make_error(Stage::cancelled, "cancelled while decoding");
    if (auto size = check_decoded_size(format, decoded->pixels.size(), stored); !size) return size.take_error();
    decoded->pixels = flatten_onto_white(std::move(decoded->pixels));
    return decoded;
}

}  // namespace

Result<UprightImage> decode_upright(std::span<const unsigned char> bytes, const UprightOptions& options) {
    if (auto valid = check_limit_options(options.max_pixels, options.decode.max_jpeg_scans); !valid)
        return valid.take_error();
    auto format = sniff(bytes);
    if (!format) return format.take_error();
    auto header = read_source_header(*format, bytes);
    if (!header) return header.take_error();
    if (auto allowed = check_declared_size(header->width, header->height, options.max_pixels); !allowed)
        return allowed.take_error();

    UprightImage image;
    const int orientation = usable_orientation(header->exif_orientation, image.warnings);
    // check_declared_size bounds both sides to max_side, so they fit in int.
    const Size stored{static_cast<int>(header->width), static_cast<int>(header->height)};
    const auto pixel_count = static_cast<std::uint64_t>(header->width) * static_cast<std::uint64_t>(header->height);
    // The decode model's resized copy (target = stored) covers the orientation's copy.
    auto share = admit_decode(*format, bytes, stored, stored, options.decode,
                              pixel_count * options.extra_bytes_per_pixel + options.extra_bytes);
    if (!share) return share.take_error();
    auto decoded = decode_full_size(*format, bytes, stored, options.decode);
    if (!decoded) return decoded.take_error();
    image.pixels = apply_orientation(std::move(decoded->pixels), orientation);
    image.share = std::move(*share);
    for (auto& warning : decoded->warnings) image.warnings.push_back(std::move(warning));
    return image;
}

}  // namespace bmx::image
