// Header parsers for the stb_image formats; each reads only a few fixed offsets, bounds-checked.
#include "image/stb_header.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <fmt/format.h>

#include "image/byte_reader.hpp"
#include "image/exif_orientation.hpp"
#include "image/format_errors.hpp"

namespace bmx::image {
namespace {

Error corrupt(Format format, std::string_view what) {
    return make_error(Stage::decode, fmt::format("corrupt {}: {}", format_name(format), what));
}

// Walks PNG chunks for eXIf. Chunk lengths come from the file, so each step is checked
// and the walk ends at IEND, at the first malformed chunk, or at the end of the data.
std::optional<int> png_exif_orientation(const ByteReader& in) {
    std::size_t at = 8;
    for (;;) {
        const auto length = in.u32(at);
        if (!length || !in.slice(at + 4, 4)) return std::nullopt;
        if (in.starts_with(at + 4, "IEND")) return std::nullopt;
        const auto data = in.slice(at + 8, *length);
        if (!data) return std::nullopt;
        if (in.starts_with(at + 4, "eXIf")) return exif_orientation(*data);
        at += 12 + std::size_t{*length};
    }
}

Result<SourceHeader> read_png(const ByteReader& in) {
    const auto width = in.u32(16);
    const auto height = in.u32(20);
    if (!width || !height) return truncated_image(Format::png);
    if (!in.starts_with(12, "IHDR")) return corrupt(Format::png, "the first chunk is not IHDR");
    return SourceHeader{*width, *height, png_exif_orientation(in)};
}

Result<SourceHeader> read_gif(ByteReader in) {
    in.set_endian(ByteReader::Endian::little);
    const auto width = in.u16(6);
    const auto height = in.u16(8);
    if (!width || !height) return truncated_image(Format::gif);
    return SourceHeader{*width, *height, std::nullopt};
}

Result<SourceHeader> read_bmp(ByteReader in) {
    in.set_endian(ByteReader::Endian::little);
    const auto header_size = in.u32(14);
    if (!header_size) return truncated_image(Format::bmp);
    if (*header_size == 12) {
        const auto width = in.u16(18);
        const auto height = in.u16(20);
        if (!width || !height) return truncated_image(Format::bmp);
        return SourceHeader{*width, *height, std::nullopt};
    }
    const auto width = in.u32(18);
    const auto height = in.u32(22);
    if (!width || !height) return truncated_image(Format::bmp);
    // Signed in the file; a negative height means rows are stored top-down.
    const auto signed_width = static_cast<std::int32_t>(*width);
    const auto signed_height = static_cast<std::int32_t>(*height);
    return SourceHeader{std::llabs(signed_width), std::llabs(signed_height), std::nullopt};
}

Result<SourceHeader> read_psd(const ByteReader& in) {
    const auto version = in.u16(4);
    if (!version) return truncated_image(Format::psd);
    if (*version != 1) return make_error(Stage::format, "unsupported format PSB (large Photoshop document): convert it to JPEG first");
    const auto height = in.u32(14);
    const auto width = in.u32(18);
    if (!width || !height) return truncated_image(Format::psd);
    return SourceHeader{*width, *height, std::nullopt};
}

// PNM headers are ASCII: magic, width, height, maxval, separated by whitespace and # comments.
Result<SourceHeader> read_pnm(std::span<const unsigned char> bytes) {
    std::size_t at = 2;
    auto next_number = [&]() -> std::optional<std::int64_t> {
        for (;;) {
            while (at < bytes.size() && std::isspace(bytes[at])) ++at;
            if (at < bytes.size() && bytes[at] == '#') {
                while (at < bytes.size() && bytes[at] != '\n') ++at;
                continue;
            }
            break;
        }
        std::int64_t value = 0;
        std::size_t digits = 0;
        while (at < bytes.size() && std::isdigit(bytes[at]) && digits < 12) {
            value = value * 10 + (bytes[at] - '0');
            ++at;
            ++digits;
        }
        if (digits == 0) return std::nullopt;
        return value;
    };
    const auto width = next_number();
    const auto height = next_number();
    if (!width || !height) return at >= bytes.size() ? truncated_image(Format::pnm) : corrupt(Format::pnm, "bad size in the header");
    return SourceHeader{*width, *height, std::nullopt};
}

// Radiance HDR: text lines, an empty line, then "-Y <height> +X <width>".
Result<SourceHeader> read_hdr(std::span<const unsigned char> bytes) {
    const std::size_t limit = std::min<std::size_t>(bytes.size(), 64 * 1024);
    const std::string header(reinterpret_cast<const char*>(bytes.data()), limit);
    const auto blank = header.find("\n\n");
    if (blank == std::string::npos) return truncated_image(Format::hdr);
    const auto line_end = header.find('\n', blank + 2);
    if (line_end == std::string::npos) return truncated_image(Format::hdr);
    const std::string line = header.substr(blank + 2, line_end - blank - 2);
    long long height = 0, width = 0;
    char y_axis[3] = {}, x_axis[3] = {};
    if (std::sscanf(line.c_str(), "%2s %lld %2s %lld", y_axis, &height, x_axis, &width) != 4 ||
        std::string(y_axis) != "-Y" || std::string(x_axis) != "+X")
        return corrupt(Format::hdr, "unsupported size line \"" + line.substr(0, 40) + "\"");
    return SourceHeader{width, height, std::nullopt};
}

Result<SourceHeader> read_pic(const ByteReader& in) {
    const auto width = in.u16(92);
    const auto height = in.u16(94);
    if (!width || !height) return truncated_image(Format::pic);
    return SourceHeader{*width, *height, std::nullopt};
}

}  // namespace

Result<SourceHeader> read_stb_header(Format format, std::span<const unsigned char> bytes) {
    const ByteReader in(bytes);
    switch (format) {
        case Format::png: return read_png(in);
        case Format::gif: return read_gif(in);
        case Format::bmp: return read_bmp(in);
        case Format::psd: return read_psd(in);
        case Format::pnm: return read_pnm(bytes);
        case Format::hdr: return read_hdr(bytes);
        case Format::pic: return read_pic(in);
        case Format::jpeg:
        case Format::webp: break;
    }
    return make_error(Stage::format, fmt::format("{} is not decoded by stb_image", format_name(format)));
}

}  // namespace bmx::image
