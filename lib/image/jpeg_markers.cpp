// Reads a JPEG's frame header and APP1/APP14 segments by walking markers; every length is
// checked against the data, because this runs on untrusted files before anything else.
#include "image/jpeg_markers.hpp"

#include <algorithm>

#include "image/byte_reader.hpp"
#include "image/exif_orientation.hpp"

namespace bmx::image {
namespace {

constexpr unsigned char marker_soi = 0xD8;
constexpr unsigned char marker_eoi = 0xD9;
constexpr unsigned char marker_sos = 0xDA;
constexpr unsigned char marker_app1 = 0xE1;
constexpr unsigned char marker_app14 = 0xEE;

bool is_standalone(unsigned char marker) { return marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7); }

// SOF0-SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range.
bool is_start_of_frame(unsigned char marker) {
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

bool is_progressive(unsigned char marker) { return marker == 0xC2 || marker == 0xC6 || marker == 0xCA || marker == 0xCE; }

bool is_lossless(unsigned char marker) { return marker == 0xC3 || marker == 0xC7 || marker == 0xCB || marker == 0xCF; }

Error truncated() { return make_error(Stage::decode, "truncated JPEG: data ends early"); }
Error corrupt(std::string_view what) { return make_error(Stage::decode, std::string("corrupt JPEG: ") + std::string(what)); }

// As libjpeg sizes it (jdcoefct.c): each component's blocks, rounded up to its sampling factors,
// 64 coefficients of 2 bytes each. Missing component entries count as 1x1 sampling.
std::int64_t coefficient_bytes(const ByteReader& in, std::size_t first, int components, int width, int height) {
    int h[4] = {1, 1, 1, 1}, v[4] = {1, 1, 1, 1};
    int h_max = 1, v_max = 1;
    for (int c = 0; c < components && c < 4; ++c) {
        const auto factors = in.u8(first + 3 * static_cast<std::size_t>(c) + 1);
        if (!factors) break;
        h[c] = std::max(1, (*factors >> 4) & 15);
        v[c] = std::max(1, *factors & 15);
        h_max = std::max(h_max, h[c]);
        v_max = std::max(v_max, v[c]);
    }
    auto blocks = [](std::int64_t pixels, int factor, int max_factor) {
        const std::int64_t across = (pixels * factor + 8LL * max_factor - 1) / (8LL * max_factor);
        return (across + factor - 1) / factor * factor;
    };
    std::int64_t total = 0;
    for (int c = 0; c < components && c < 4; ++c)
        total += blocks(width, h[c], h_max) * blocks(height, v[c], v_max) * 64 * 2;
    return total;
}

Status read_frame(const ByteReader& in, std::size_t segment, unsigned char marker, JpegHeader& header) {
    if (is_lossless(marker))
        return make_error(Stage::format, "unsupported format lossless JPEG: convert it to an ordinary JPEG first");
    const auto precision = in.u8(segment);
    const auto height = in.u16(segment + 1);
    const auto width = in.u16(segment + 3);
    const auto components = in.u8(segment + 5);
    if (!precision || !height || !width || !components) return corrupt("frame header too short");
    if (*precision != 8)
        return make_error(Stage::format, "unsupported format " + std::to_string(*precision) +
                                        "-bit JPEG: convert it to an 8-bit JPEG first");
    if (*components != 1 && *components != 3 && *components != 4)
        return corrupt(std::to_string(*components) + " colour components");
    header.width = *width;
    header.height = *height;
    header.components = *components;
    header.progressive = is_progressive(marker);
    header.coefficient_bytes = coefficient_bytes(in, segment + 6, *components, *width, *height);
    return Ok{};
}

void read_app_segment(const ByteReader& in, std::size_t segment, std::size_t length, unsigned char marker,
                      JpegHeader& header) {
    const auto payload = in.slice(segment, length);
    if (!payload) return;
    const ByteReader app(*payload);
    if (marker == marker_app1 && !header.exif_orientation && app.starts_with(0, std::string_view("Exif\0\0", 6)))
        header.exif_orientation = exif_orientation(*payload);
    if (marker == marker_app14 && app.starts_with(0, "Adobe")) header.adobe_marker = true;
}

}  // namespace

Result<JpegHeader> read_jpeg_header(std::span<const unsigned char> bytes) {
    const ByteReader in(bytes);
    if (in.u8(0) != 0xFF || in.u8(1) != marker_soi) return corrupt("does not start with a JPEG marker");
    JpegHeader header;
    bool have_frame = false;
    std::size_t at = 2;
    // Data ending after the frame header still gives the declared size for the limit
    // check; decoding then reports the truncation.
    auto ends_early = [&]() -> Result<JpegHeader> {
        if (have_frame) return header;
        return truncated();
    };
    for (;;) {
        const auto byte = in.u8(at);
        if (!byte) return ends_early();
        if (*byte != 0xFF) return corrupt("expected a marker in the header");
        while (in.u8(at) == 0xFF) ++at;  // fill bytes before a marker are legal
        const auto marker = in.u8(at);
        if (!marker) return ends_early();
        ++at;
        if (is_standalone(*marker)) continue;
        if (*marker == marker_soi) return corrupt("second start-of-image marker");
        if (*marker == marker_eoi) return corrupt("ends before any image data");
        if (*marker == marker_sos) {
            if (!have_frame) return corrupt("image data before the frame header");
            header.first_scan_components = in.u8(at + 2).value_or(header.components);
            return header;
        }
        const auto length = in.u16(at);
        if (!length) return ends_early();
        if (*length < 2) return corrupt("segment length below 2");
        const std::size_t segment = at + 2;
        const std::size_t payload_length = *length - 2u;
        if (!in.slice(segment, payload_length)) return ends_early();
        if (is_start_of_frame(*marker)) {
            if (auto frame = read_frame(in, segment, *marker, header); !frame) return frame.take_error();
            have_frame = true;
        } else {
            read_app_segment(in, segment, payload_length, *marker, header);
        }
        at = segment + payload_length;
    }
}

}  // namespace bmx::image
