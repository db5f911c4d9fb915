// Recognises image formats by their magic bytes, and names common non-images so the
// person sees what they picked by mistake rather than a bare "cannot identify image file".
#include "image/sniff.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "image/byte_reader.hpp"

namespace bmx::image {
namespace {

Error not_an_image(std::string_view looks_like) {
    return make_error(Stage::format, fmt::format("not an image (content starts like {})", looks_like));
}

Error unsupported(std::string_view name) {
    return make_error(Stage::format, fmt::format("unsupported format {}: convert it to JPEG first", name));
}

std::optional<Format> sniff_image(const ByteReader& in) {
    if (in.starts_with(0, "\xFF\xD8\xFF")) return Format::jpeg;
    if (in.starts_with(0, "\x89PNG\r\n\x1A\n")) return Format::png;
    if (in.starts_with(0, "GIF87a") || in.starts_with(0, "GIF89a")) return Format::gif;
    if (in.starts_with(0, "RIFF") && in.starts_with(8, "WEBP")) return Format::webp;
    if (in.starts_with(0, "8BPS")) return Format::psd;
    if (in.starts_with(0, "#?RADIANCE") || in.starts_with(0, "#?RGBE")) return Format::hdr;
    if (in.starts_with(0, "\x53\x80\xF6\x34") && in.starts_with(88, "PICT")) return Format::pic;
    const bool pnm_magic = in.starts_with(0, "P5") || in.starts_with(0, "P6");
    if (pnm_magic && in.u8(2) && std::isspace(*in.u8(2))) return Format::pnm;
    return std::nullopt;
}

// BMP's two magic bytes are also the start of ordinary text, so the DIB header size
// must be one stb_image reads too.
std::optional<Result<Format>> sniff_bmp(const ByteReader& in) {
    if (!in.starts_with(0, "BM")) return std::nullopt;
    ByteReader little = in;
    little.set_endian(ByteReader::Endian::little);
    const auto header_size = little.u32(14);
    if (!header_size) return Result<Format>(Format::bmp);  // too short: decoding says "truncated"
    constexpr std::array<std::uint32_t, 5> readable{12, 40, 56, 108, 124};
    for (auto size : readable)
        if (*header_size == size) return Result<Format>(Format::bmp);
    if (*header_size == 52 || *header_size == 64)
        return Result<Format>(unsupported(fmt::format("BMP (variant with a {}-byte header)", *header_size)));
    return std::nullopt;
}

// ISO base media files (HEIC, AVIF, MP4, MOV) start with an "ftyp" box listing brands.
std::optional<Error> sniff_iso_media(const ByteReader& in) {
    if (!in.starts_with(4, "ftyp")) return std::nullopt;
    constexpr std::array<std::string_view, 11> heif_brands{
        "heic", "heix", "hevc", "hevx", "heim", "heis", "hevm", "hevs", "mif1", "msf1", "mif2"};
    const std::size_t box_end = std::min<std::size_t>(in.u32(0).value_or(0), std::min<std::size_t>(in.size(), 256));
    bool avif = false, heif = false;
    for (std::size_t at = 8; at + 4 <= box_end; at += 4) {
        if (at == 12) continue;  // minor version, not a brand
        if (in.starts_with(at, "avif") || in.starts_with(at, "avis")) avif = true;
        for (auto brand : heif_brands)
            if (in.starts_with(at, brand)) heif = true;
    }
    if (avif) return unsupported("AVIF");
    if (heif) return unsupported("HEIC");
    if (in.starts_with(8, "crx ")) return unsupported("CR3 (a camera RAW file)");
    return not_an_image("an MP4 or QuickTime video");
}

std::optional<Error> sniff_other_images(const ByteReader& in) {
    if (in.starts_with(0, std::string_view("II*\0", 4)) || in.starts_with(0, std::string_view("MM\0*", 4)))
        return unsupported("TIFF (or a TIFF-based camera RAW file)");
    if (in.starts_with(0, "\xFF\x0A") || in.starts_with(0, std::string_view("\0\0\0\x0CJXL \r\n\x87\n", 12)))
        return unsupported("JPEG XL");
    if (in.starts_with(0, std::string_view("\0\0\0\x0CjP  \r\n\x87\n", 12)) || in.starts_with(0, "\xFF\x4F\xFF\x51"))
        return unsupported("JPEG 2000");
    if (in.starts_with(0, std::string_view("\0\0\1\0", 4)) && in.size() >= 22) return unsupported("ICO");
    if (in.starts_with(0, "FUJIFILMCCD-RAW")) return unsupported("RAF (a camera RAW file)");
    if (in.starts_with(0, "gimp xcf")) return unsupported("XCF (GIMP)");
    if (in.starts_with(0, "RIFF")) return not_an_image("a RIFF container (audio or video)");
    return std::nullopt;
}

std::optional<Error> sniff_non_image(const ByteReader& in) {
    struct Signature {
        std::string_view magic;
        std::string_view looks_like;
    };
    static constexpr std::array<Signature, 12> signatures{{
        {"%PDF-", "a PDF"},
        {"%!PS", "PostScript"},
        {"PK\x03\x04", "a ZIP archive (or a DOCX, XLSX, EPUB)"},
        {"PK\x05\x06", "a ZIP archive"},
        {"\x1F\x8B", "a gzip archive"},
        {"Rar!\x1A\x07", "a RAR archive"},
        {"7z\xBC\xAF\x27\x1C", "a 7-Zip archive"},
        {"\x7F" "ELF", "a program (ELF)"},
        {"ID3", "an MP3 audio file"},
        {"OggS", "an Ogg audio or video file"},
        {"fLaC", "a FLAC audio file"},
        {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "an old Microsoft Office document"},
    }};
    for (const auto& signature : signatures)
        if (in.starts_with(0, signature.magic)) return not_an_image(signature.looks_like);
    return std::nullopt;
}

std::string lower_prefix(std::span<const unsigned char> bytes, std::size_t length) {
    std::string text;
    for (std::size_t i = 0; i < bytes.size() && text.size() < length; ++i)
        text.push_back(static_cast<char>(std::tolower(bytes[i])));
    return text;
}

// Text files: HTML error pages saved as .jpg, SVG, JSON, notes.
std::optional<Error> sniff_text(std::span<const unsigned char> bytes) {
    std::size_t start = 0;
    if (bytes.size() >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) start = 3;
    while (start < bytes.size() && std::isspace(bytes[start])) ++start;
    const auto head = lower_prefix(bytes.subspan(start), 512);
    if (head.starts_with("<svg") || (head.starts_with("<?xml") && head.find("<svg") != std::string::npos))
        return unsupported("SVG");
    if (head.starts_with("<!doctype html") || head.starts_with("<html") || head.starts_with("<head") ||
        head.starts_with("<body"))
        return not_an_image("HTML (a web page)");
    if (head.starts_with("<?xml")) return not_an_image("XML");

    const std::size_t sample = std::min<std::size_t>(bytes.size(), 512);
    std::size_t printable = 0;
    for (std::size_t i = 0; i < sample; ++i) {
        const unsigned char c = bytes[i];
        if (c == 0) return std::nullopt;
        if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') ++printable;
    }
    if (sample > 0 && printable * 100 >= sample * 95)
        return make_error(Stage::format, "not an image (content looks like text)");
    return std::nullopt;
}

Error unrecognised(std::span<const unsigned char> bytes) {
    std::string hex;
    for (std::size_t i = 0; i < bytes.size() && i < 8; ++i) hex += fmt::format("{}{:02X}", i ? " " : "", bytes[i]);
    return make_error(Stage::format, fmt::format("not an image (unrecognised content starting with bytes {})", hex));
}

}  // namespace

Result<Format> sniff(std::span<const unsigned char> bytes) {
    if (bytes.empty()) return make_error(Stage::format, "empty file (0 bytes)");
    const ByteReader in(bytes);
    if (auto format = sniff_image(in)) return *format;
    if (auto bmp = sniff_bmp(in)) return std::move(*bmp);
    if (auto error = sniff_iso_media(in)) return std::move(*error);
    if (auto error = sniff_other_images(in)) return std::move(*error);
    if (auto error = sniff_non_image(in)) return std::move(*error);
    if (auto error = sniff_text(bytes)) return std::move(*error);
    return unrecognised(bytes);
}

}  // namespace bmx::image
