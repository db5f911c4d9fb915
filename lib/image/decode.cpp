// The decode-and-resample half of a thumbnail, per format.
#include "image/decode.hpp"

#include <fmt/format.h>

#include "image/band_resizer.hpp"
#include "image/flatten.hpp"
#include "image/jpeg_decode.hpp"
#include "image/resize.hpp"
#include "image/stb_decode.hpp"
#include "image/webp_decode.hpp"

namespace bmx::image {
namespace {

// Below this many decoded pixels a helper thread costs more than it saves.
constexpr long long overlap_threshold = 256 * 1024;

Result<DecodedImage> decode_jpeg_to_size(std::span<const unsigned char> bytes, Size source, Size target,
                                         ResizeOverlap overlap, const DecodeControl& control) {
    const ScaleFactor scale = choose_jpeg_scale(source, target);
    const Size decoded_size = scaled_size(source, scale);
    const bool worth_a_thread = overlap == ResizeOverlap::helper_thread && decoded_size != target &&
                                1LL * decoded_size.width * decoded_size.height >= overlap_threshold;
    if (!worth_a_thread) {
        auto decoded = decode_jpeg(bytes, scale, control);
        if (!decoded) return decoded.take_error();
        if (auto size = check_decoded_size(Format::jpeg, decoded->pixels.size(), decoded_size); !size)
            return size.take_error();
        decoded->pixels = resize_srgb(decoded->pixels, target);
        return decoded;
    }
    BandResizer resizer(target);
    auto decoded = decode_jpeg(bytes, scale, control, &resizer);
    if (!decoded) return decoded.take_error();
    if (auto size = check_decoded_size(Format::jpeg, decoded->pixels.size(), decoded_size); !size) {
        resizer.abandon();  // before `decoded`, the buffer the helper reads, is freed
        return size.take_error();
    }
    decoded->pixels = resizer.finish();
    return decoded;
}

}  // namespace

Status check_decoded_size(Format format, Size produced, Size expected) {
    if (produced == expected && produced.width > 0 && produced.height > 0) return Ok{};
    return make_error(Stage::decode, fmt::format("corrupt {}: decoding gave {}x{} pixels, the header declares {}x{}",
                                                 format_name(format), produced.width, produced.height, expected.width,
                                                 expected.height));
}

Result<DecodedImage> decode_to_size(Format format, std::span<const unsigned char> bytes, Size source, Size target,
                                    ResizeOverlap overlap, const DecodeControl& control) {
    if (format == Format::jpeg) return decode_jpeg_to_size(bytes, source, target, overlap, control);
    auto decoded = format == Format::webp ? decode_webp(bytes) : decode_with_stb(format, bytes);
    if (!decoded) return decoded.take_error();
    // stb_image and libwebp cannot be stopped mid-decode; a Ctrl-C is seen as soon as they return.
    if (control.cancel.cancelled()) return make_error(Stage::cancelled, "cancelled while decoding");
    if (auto size = check_decoded_size(format, decoded->pixels.size(), source); !size) return size.take_error();
    decoded->pixels = resize_srgb(flatten_onto_white(std::move(decoded->pixels)), target);
    return decoded;
}

}  // namespace bmx::image
