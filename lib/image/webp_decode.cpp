// Decodes WebP straight into our own buffer with libwebp; animations go through
// WebPAnimDecoder so the first frame comes out composited like a viewer shows it.
#include "image/webp_decode.hpp"

#include <cstring>
#include <memory>

#include <webp/decode.h>
#include <webp/demux.h>

#include "image/exif_orientation.hpp"

namespace bmx::image {
namespace {

struct DemuxerDelete {
    void operator()(WebPDemuxer* demuxer) const { WebPDemuxDelete(demuxer); }
};
using Demuxer = std::unique_ptr<WebPDemuxer, DemuxerDelete>;

struct AnimDecoderDelete {
    void operator()(WebPAnimDecoder* decoder) const { WebPAnimDecoderDelete(decoder); }
};
using AnimDecoder = std::unique_ptr<WebPAnimDecoder, AnimDecoderDelete>;

// Owns a chunk iterator so it is released on every path.
class ChunkIterator {
public:
    ChunkIterator() { std::memset(&iterator_, 0, sizeof iterator_); }
    ~ChunkIterator() {
        if (acquired_) WebPDemuxReleaseChunkIterator(&iterator_);
    }
    ChunkIterator(const ChunkIterator&) = delete;
    ChunkIterator& operator=(const ChunkIterator&) = delete;

    bool find(const WebPDemuxer* demuxer, const char fourcc[4]) {
        acquired_ = WebPDemuxGetChunk(demuxer, fourcc, 1, &iterator_) != 0;
        return acquired_;
    }
    std::span<const unsigned char> payload() const { return {iterator_.chunk.bytes, iterator_.chunk.size}; }

private:
    WebPChunkIterator iterator_;
    bool acquired_ = false;
};

Error status_error(VP8StatusCode status) {
    switch (status) {
        case VP8_STATUS_NOT_ENOUGH_DATA: return make_error(Stage::decode, "truncated WebP: data ends early");
        case VP8_STATUS_UNSUPPORTED_FEATURE: return make_error(Stage::decode, "unsupported WebP feature");
        case VP8_STATUS_OUT_OF_MEMORY: return make_error(Stage::decode, "not enough memory to decode this WebP");
        default: return make_error(Stage::decode, "corrupt WebP: the bitstream cannot be decoded");
    }
}

WebPData as_webp_data(std::span<const unsigned char> bytes) { return WebPData{bytes.data(), bytes.size()}; }

std::optional<int> webp_exif_orientation(std::span<const unsigned char> bytes) {
    const WebPData data = as_webp_data(bytes);
    const Demuxer demuxer(WebPDemux(&data));
    if (!demuxer) return std::nullopt;
    if ((WebPDemuxGetI(demuxer.get(), WEBP_FF_FORMAT_FLAGS) & EXIF_FLAG) == 0) return std::nullopt;
    ChunkIterator chunk;
    if (!chunk.find(demuxer.get(), "EXIF")) return std::nullopt;
    return exif_orientation(chunk.payload());
}

Result<DecodedImage> decode_first_frame(std::span<const unsigned char> bytes) {
    const WebPData data = as_webp_data(bytes);
    WebPAnimDecoderOptions options;
    if (!WebPAnimDecoderOptionsInit(&options)) return make_error(Stage::decode, "libwebp version mismatch");
    options.color_mode = MODE_RGBA;
    options.use_threads = 0;
    const AnimDecoder decoder(WebPAnimDecoderNew(&data, &options));
    if (!decoder) return make_error(Stage::decode, "corrupt WebP: the animation cannot be read");
    WebPAnimInfo info;
    if (!WebPAnimDecoderGetInfo(decoder.get(), &info)) return make_error(Stage::decode, "corrupt WebP: no animation info");
    std::uint8_t* frame = nullptr;
    int timestamp = 0;
    if (!WebPAnimDecoderGetNext(decoder.get(), &frame, &timestamp))
        return make_error(Stage::decode, "corrupt WebP: the first frame cannot be decoded");
    DecodedImage image{Pixels::allocate(static_cast<int>(info.canvas_width), static_cast<int>(info.canvas_height), 4), {}};
    std::memcpy(image.pixels.data.get(), frame, image.pixels.size_bytes());
    if (info.frame_count > 1) image.warnings.push_back("animated WebP: the thumbnail shows the first frame");
    return image;
}

}  // namespace

Result<SourceHeader> read_webp_header(std::span<const unsigned char> bytes) {
    WebPBitstreamFeatures features;
    const VP8StatusCode status = WebPGetFeatures(bytes.data(), bytes.size(), &features);
    if (status != VP8_STATUS_OK) return status_error(status);
    return SourceHeader{features.width, features.height, webp_exif_orientation(bytes)};
}

Result<DecodedImage> decode_webp(std::span<const unsigned char> bytes) {
    WebPDecoderConfig config;
    if (!WebPInitDecoderConfig(&config)) return make_error(Stage::decode, "libwebp version mismatch");
    VP8StatusCode status = WebPGetFeatures(bytes.data(), bytes.size(), &config.input);
    if (status != VP8_STATUS_OK) return status_error(status);
    if (config.input.has_animation) return decode_first_frame(bytes);

    const int channels = config.input.has_alpha ? 4 : 3;
    DecodedImage image{Pixels::allocate(config.input.width, config.input.height, channels), {}};
    // Decode into our buffer (external memory), so there is no libwebp allocation to free.
    config.output.colorspace = channels == 4 ? MODE_RGBA : MODE_RGB;
    config.output.is_external_memory = 1;
    config.output.u.RGBA.rgba = image.pixels.data.get();
    config.output.u.RGBA.stride = static_cast<int>(image.pixels.row_bytes());
    config.output.u.RGBA.size = image.pixels.size_bytes();
    status = WebPDecode(bytes.data(), bytes.size(), &config);
    WebPFreeDecBuffer(&config.output);  // frees nothing of ours; required by the API contract
    if (status != VP8_STATUS_OK) return status_error(status);
    return image;
}

}  // namespace bmx::image
