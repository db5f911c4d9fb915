// JPEG compression through TurboJPEG, into a buffer sized up front (no TurboJPEG allocation).
#include "image/jpeg_encode.hpp"

#include <memory>
#include <string>

#include <turbojpeg.h>

namespace bmx::image {
namespace {

struct TjDestroy {
    void operator()(void* handle) const { tjDestroy(handle); }
};
using TjHandle = std::unique_ptr<void, TjDestroy>;

}  // namespace

Result<std::vector<unsigned char>> encode_jpeg(const Pixels& rgb, int quality) {
    if (quality < 1 || quality > 100)
        return make_error(Stage::encode, "JPEG quality " + std::to_string(quality) + " is outside 1-100");
    if (rgb.channels != 3) return make_error(Stage::encode, "the JPEG encoder takes RGB pixels only");
    const TjHandle handle(tjInitCompress());
    if (!handle) return make_error(Stage::encode, std::string("cannot start the JPEG encoder: ") + tjGetErrorStr2(nullptr));

    const unsigned long capacity = tjBufSize(rgb.width, rgb.height, TJSAMP_420);
    if (capacity == static_cast<unsigned long>(-1)) return make_error(Stage::encode, "image too large for a JPEG");
    std::vector<unsigned char> jpeg(capacity);
    unsigned char* out = jpeg.data();
    unsigned long size = capacity;
    // TJFLAG_NOREALLOC: write into our vector; tjBufSize is the documented worst case.
    const int status = tjCompress2(handle.get(), rgb.data.get(), rgb.width, static_cast<int>(rgb.row_bytes()),
                                   rgb.height, TJPF_RGB, &out, &size, TJSAMP_420, quality,
                                   TJFLAG_NOREALLOC | TJFLAG_ACCURATEDCT);
    if (status != 0) return make_error(Stage::encode, std::string("JPEG encoder: ") + tjGetErrorStr2(handle.get()));
    jpeg.resize(size);
    jpeg.shrink_to_fit();
    return jpeg;
}

}  // namespace bmx::image
