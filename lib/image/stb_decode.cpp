// Runs stb_image through read callbacks, so a read past the end of the data is seen: stb
// returns zeros there (a silently grey or black half-image) instead of failing.
#include "image/stb_decode.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string_view>

#include <fmt/format.h>
#include <stb_image.h>

#include "image/format_errors.hpp"

namespace bmx::image {
namespace {

// The bytes stb_image reads through callbacks, and whether it ever asked for more than there was.
struct Source {
    std::span<const unsigned char> bytes;
    std::size_t position = 0;
    bool ran_out = false;

    std::size_t remaining() const { return bytes.size() - position; }
};

int read_callback(void* user, char* out, int wanted) {
    auto& source = *static_cast<Source*>(user);
    const std::size_t count = std::min(source.remaining(), static_cast<std::size_t>(std::max(wanted, 0)));
    if (count == 0 && wanted > 0) source.ran_out = true;
    std::memcpy(out, source.bytes.data() + source.position, count);
    source.position += count;
    return static_cast<int>(count);
}

void skip_callback(void* user, int count) {
    auto& source = *static_cast<Source*>(user);
    if (count < 0) {
        const std::size_t back = std::min(source.position, static_cast<std::size_t>(-static_cast<long long>(count)));
        source.position -= back;
        return;
    }
    if (static_cast<std::size_t>(count) > source.remaining()) source.ran_out = true;
    source.position += std::min(source.remaining(), static_cast<std::size_t>(count));
}

int eof_callback(void* user) {
    const auto& source = *static_cast<Source*>(user);
    return source.remaining() == 0 ? 1 : 0;
}

// Reads the header twice (once for the channel count), which is cheap next to decoding.
int wanted_channels(std::span<const unsigned char> bytes) {
    int width = 0, height = 0, channels = 0;
    const int length = static_cast<int>(std::min<std::size_t>(bytes.size(), 1 << 30));
    if (!stbi_info_from_memory(bytes.data(), length, &width, &height, &channels)) return 4;
    return channels == 2 || channels == 4 ? 4 : 3;
}

}  // namespace

Result<DecodedImage> decode_with_stb(Format format, std::span<const unsigned char> bytes) {
    // stb_image takes int sizes; a file over 2 GiB has no business being a thumbnail source.
    if (bytes.size() > static_cast<std::size_t>(INT32_MAX))
        return make_error(Stage::limits, "file is over 2 GiB, too large to decode");
    const int channels = wanted_channels(bytes);
    Source source{bytes};
    const stbi_io_callbacks callbacks{read_callback, skip_callback, eof_callback};
    int width = 0, height = 0, channels_in_file = 0;
    DecodedImage image;
    image.pixels.data = PixelStorage(
        stbi_load_from_callbacks(&callbacks, &source, &width, &height, &channels_in_file, channels),
        [](unsigned char* pixels) { stbi_image_free(pixels); });
    const char* reason = stbi_failure_reason();
    // "outofdata": stb asked for a block (a PNG chunk, say) the file does not hold in full.
    if (source.ran_out || (!image.pixels.data && reason && std::string_view(reason) == "outofdata"))
        return truncated_image(format);
    if (!image.pixels.data && reason && std::string_view(reason) == "too large")
        return make_error(Stage::limits, fmt::format("{} too large for stb_image to decode", format_name(format)));
    if (!image.pixels.data) {
        return make_error(Stage::decode, fmt::format("corrupt {}: {}", format_name(format), reason ? reason : "cannot decode"));
    }
    image.pixels.width = width;
    image.pixels.height = height;
    image.pixels.channels = channels;
    return image;
}

}  // namespace bmx::image
