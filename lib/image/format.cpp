// Names and usual file extensions of the decodable formats.
#include "image/format.hpp"

#include <array>

namespace bmx::image {

std::string_view format_name(Format format) {
    switch (format) {
        case Format::jpeg: return "JPEG";
        case Format::png: return "PNG";
        case Format::gif: return "GIF";
        case Format::bmp: return "BMP";
        case Format::webp: return "WebP";
        case Format::psd: return "PSD";
        case Format::pnm: return "PNM";
        case Format::hdr: return "HDR";
        case Format::pic: return "PIC";
    }
    return "unknown";
}

std::span<const std::string_view> format_extensions(Format format) {
    static constexpr std::array<std::string_view, 4> jpeg{".jpg", ".jpeg", ".jpe", ".jfif"};
    static constexpr std::array<std::string_view, 1> png{".png"};
    static constexpr std::array<std::string_view, 1> gif{".gif"};
    static constexpr std::array<std::string_view, 2> bmp{".bmp", ".dib"};
    static constexpr std::array<std::string_view, 1> webp{".webp"};
    static constexpr std::array<std::string_view, 1> psd{".psd"};
    static constexpr std::array<std::string_view, 4> pnm{".pnm", ".ppm", ".pgm", ".pbm"};
    static constexpr std::array<std::string_view, 2> hdr{".hdr", ".rgbe"};
    static constexpr std::array<std::string_view, 1> pic{".pic"};
    switch (format) {
        case Format::jpeg: return jpeg;
        case Format::png: return png;
        case Format::gif: return gif;
        case Format::bmp: return bmp;
        case Format::webp: return webp;
        case Format::psd: return psd;
        case Format::pnm: return pnm;
        case Format::hdr: return hdr;
        case Format::pic: return pic;
    }
    return {};
}

}  // namespace bmx::image
