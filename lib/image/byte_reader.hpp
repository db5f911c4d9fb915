// ByteReader: bounds-checked reads of big- and little-endian integers from untrusted bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace bmx::image {

// Every read checks the bounds and answers nullopt past the end, so parsers of
// headers and EXIF (which will be fuzzed) never index out of range.
class ByteReader {
public:
    enum class Endian { big, little };

    explicit ByteReader(std::span<const unsigned char> bytes, Endian endian = Endian::big)
        : bytes_(bytes), endian_(endian) {}

    std::size_t size() const { return bytes_.size(); }
    void set_endian(Endian endian) { endian_ = endian; }

    std::optional<std::uint8_t> u8(std::size_t at) const {
        if (at >= bytes_.size()) return std::nullopt;
        return bytes_[at];
    }
    std::optional<std::uint16_t> u16(std::size_t at) const {
        if (!fits(at, 2)) return std::nullopt;
        const unsigned a = bytes_[at], b = bytes_[at + 1];
        return static_cast<std::uint16_t>(endian_ == Endian::big ? (a << 8 | b) : (b << 8 | a));
    }
    std::optional<std::uint32_t> u32(std::size_t at) const {
        if (!fits(at, 4)) return std::nullopt;
        std::uint32_t value = 0;
        for (std::size_t i = 0; i < 4; ++i) {
            const std::size_t index = endian_ == Endian::big ? at + i : at + 3 - i;
            value = value << 8 | bytes_[index];
        }
        return value;
    }
    bool starts_with(std::size_t at, std::string_view text) const {
        if (!fits(at, text.size())) return false;
        for (std::size_t i = 0; i < text.size(); ++i)
            if (bytes_[at + i] != static_cast<unsigned char>(text[i])) return false;
        return true;
    }
    // The bytes [at, at + length), or nullopt when any of them is missing.
    std::optional<std::span<const unsigned char>> slice(std::size_t at, std::size_t length) const {
        if (!fits(at, length)) return std::nullopt;
        return bytes_.subspan(at, length);
    }

private:
    bool fits(std::size_t at, std::size_t length) const {
        return at <= bytes_.size() && length <= bytes_.size() - at;
    }

    std::span<const unsigned char> bytes_;
    Endian endian_;
};

}  // namespace bmx::image
