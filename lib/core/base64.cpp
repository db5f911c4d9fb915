#include "core/base64.hpp"

#include <array>

namespace bmx {
namespace {

constexpr std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int sextet(char c) {
    auto found = alphabet.find(c);
    return found == std::string_view::npos ? -1 : static_cast<int>(found);
}

}  // namespace

std::string base64_encode(std::string_view bytes) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        std::size_t left = bytes.size() - i;
        unsigned value = static_cast<unsigned char>(bytes[i]) << 16;
        if (left > 1) value |= static_cast<unsigned char>(bytes[i + 1]) << 8;
        if (left > 2) value |= static_cast<unsigned char>(bytes[i + 2]);
        out.push_back(alphabet[(value >> 18) & 63]);
        out.push_back(alphabet[(value >> 12) & 63]);
        out.push_back(left > 1 ? alphabet[(value >> 6) & 63] : '=');
        out.push_back(left > 2 ? alphabet[value & 63] : '=');
    }
    return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
    if (text.size() % 4 != 0) return std::nullopt;
    std::string out;
    out.reserve(text.size() / 4 * 3);
    for (std::size_t i = 0; i < text.size(); i += 4) {
        bool last = i + 4 == text.size();
        std::array<int, 4> group{};
        int padding = 0;
        for (std::size_t j = 0; j < 4; ++j) {
            char c = text[i + j];
            if (c == '=' && last && j >= 2) {
                group[j] = 0;
                ++padding;
                continue;
            }
            if (padding > 0) return std::nullopt;  // data after padding
            group[j] = sextet(c);
            if (group[j] < 0) return std::nullopt;
        }
        unsigned value = (group[0] << 18) | (group[1] << 12) | (group[2] << 6) | group[3];
        out.push_back(static_cast<char>((value >> 16) & 0xff));
        if (padding < 2) out.push_back(static_cast<char>((value >> 8) & 0xff));
        if (padding < 1) out.push_back(static_cast<char>(value & 0xff));
    }
    return out;
}

}  // namespace bmx
