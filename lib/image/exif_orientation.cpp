// A small EXIF reader that looks for one tag in IFD0; written for hostile input (it is fuzzed).
#include "image/exif_orientation.hpp"

#include <fmt/format.h>

#include "image/byte_reader.hpp"

namespace bmx::image {
namespace {

constexpr std::uint16_t orientation_tag = 0x0112;
constexpr std::uint16_t type_short = 3;
constexpr std::uint16_t type_long = 4;
constexpr std::size_t ifd_entry_bytes = 12;

std::span<const unsigned char> strip_exif_prefix(std::span<const unsigned char> exif) {
    const ByteReader in(exif);
    if (in.starts_with(0, std::string_view("Exif\0\0", 6))) return exif.subspan(6);
    return exif;
}

}  // namespace

std::optional<int> exif_orientation(std::span<const unsigned char> exif) {
    const auto tiff = strip_exif_prefix(exif);
    ByteReader in(tiff);
    if (in.starts_with(0, "II"))
        in.set_endian(ByteReader::Endian::little);
    else if (!in.starts_with(0, "MM"))
        return std::nullopt;
    if (in.u16(2) != 42) return std::nullopt;
    const auto ifd0 = in.u32(4);
    if (!ifd0) return std::nullopt;
    const auto entries = in.u16(*ifd0);
    if (!entries) return std::nullopt;

    for (std::size_t i = 0; i < *entries; ++i) {
        // 64-bit arithmetic: *ifd0 comes from the file and may be close to 2^32.
        const std::size_t entry = std::size_t{*ifd0} + 2 + i * ifd_entry_bytes;
        const auto tag = in.u16(entry);
        if (!tag) return std::nullopt;  // the IFD runs past the end of the block
        if (*tag != orientation_tag) continue;
        const auto type = in.u16(entry + 2);
        const auto count = in.u32(entry + 4);
        if (!type || !count || *count < 1) return std::nullopt;
        if (*type == type_short) {
            const auto value = in.u16(entry + 8);
            return value ? std::optional<int>(*value) : std::nullopt;
        }
        if (*type == type_long) {
            const auto value = in.u32(entry + 8);
            if (!value || *value > 0xFFFF) return std::nullopt;
            return static_cast<int>(*value);
        }
        return std::nullopt;
    }
    return std::nullopt;
}

int usable_orientation(const std::optional<int>& tag, std::vector<std::string>& warnings) {
    if (!tag) return 1;
    if (*tag >= 1 && *tag <= 8) return *tag;
    warnings.push_back(fmt::format("EXIF orientation {} is not 1-8; shown as stored", *tag));
    return 1;
}

bool orientation_swaps_axes(int orientation) { return orientation >= 5 && orientation <= 8; }

}  // namespace bmx::image
