// libFuzzer target: any bytes through the sniffer and the decode-to-thumbnail entry point.
// The engine must answer every input with a thumbnail or an Error, never crash or hang.
#include <cstddef>
#include <cstdint>
#include <span>

#include "image/sniff.hpp"
#include "image/thumbnail.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::span<const unsigned char> bytes(data, size);
    (void)bmx::image::sniff(bytes);
    bmx::image::ThumbnailOptions options;
    options.size = 64;
    // Keeps a single input's pixel buffer small, so the fuzzer explores formats, not memory.
    options.max_pixels = 4'000'000;
    auto thumbnail = bmx::image::make_thumbnail(bytes, options);
    if (thumbnail.ok() && (thumbnail->width > 64 || thumbnail->height > 64 || thumbnail->jpeg.empty())) __builtin_trap();
    return 0;
}
