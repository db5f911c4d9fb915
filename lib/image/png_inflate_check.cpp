// Streams a PNG's IDAT data through zlib's inflate, discarding the output and counting it.
#include "image/png_inflate_check.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <zlib.h>

namespace bmx::image {
namespace {

constexpr std::size_t scratch_bytes = 64 * 1024;

// The zlib stream, ended on every way out.
class RawInflater {
public:
    RawInflater() {
        // Raw deflate (-15): the two-byte zlib header is checked by hand below, as stb_image
        // does, so a header zlib would refuse but stb_image accepts cannot skip the count.
        ok_ = inflateInit2(&stream_, -15) == Z_OK;
    }
    ~RawInflater() {
        if (ok_) inflateEnd(&stream_);
    }
    RawInflater(const RawInflater&) = delete;
    RawInflater& operator=(const RawInflater&) = delete;

    bool ok() const { return ok_; }
    z_stream& stream() { return stream_; }

private:
    z_stream stream_{};
    bool ok_ = false;
};

enum class Step { more_input, finished, over_limit, corrupt, cancelled };

struct Count {
    std::uint64_t limit = 0;
    std::uint64_t produced = 0;
    std::array<unsigned char, 2> header{};
    std::size_t header_seen = 0;
    std::string zlib_message;
    std::vector<unsigned char> scratch = std::vector<unsigned char>(scratch_bytes);
};

// The zlib header (CMF, FLG) as stb_image checks it: deflate, no preset dictionary, a valid check.
bool header_ok(const std::array<unsigned char, 2>& header) {
    return (header[0] & 15) == 8 && (header[1] & 32) == 0 && (header[0] * 256 + header[1]) % 31 == 0;
}

Step inflate_chunk(RawInflater& inflater, std::span<const unsigned char> data, Count& count, const CancelToken& cancel) {
    while (count.header_seen < 2 && !data.empty()) {
        count.header[count.header_seen++] = data.front();
        data = data.subspan(1);
    }
    if (count.header_seen < 2) return Step::more_input;
    if (count.header_seen == 2) {
        if (!header_ok(count.header)) {
            count.zlib_message = "bad zlib header";
            return Step::corrupt;
        }
        count.header_seen = 3;  // checked
    }
    std::vector<unsigned char>& scratch = count.scratch;
    z_stream& stream = inflater.stream();
    // zlib takes uInt sizes; an IDAT is at most 2^31 - 1 bytes, which fits.
    stream.next_in = const_cast<Bytef*>(data.data());
    stream.avail_in = static_cast<uInt>(data.size());
    for (;;) {
        if (cancel.cancelled()) return Step::cancelled;
        stream.next_out = scratch.data();
        stream.avail_out = static_cast<uInt>(scratch.size());
        const int status = inflate(&stream, Z_NO_FLUSH);
        count.produced += scratch.size() - stream.avail_out;
        if (count.produced > count.limit) return Step::over_limit;
        if (status == Z_STREAM_END) return Step::finished;
        if (status == Z_BUF_ERROR || (status == Z_OK && stream.avail_in == 0 && stream.avail_out != 0))
            return Step::more_input;
        if (status != Z_OK) {
            count.zlib_message = stream.msg ? stream.msg : "inflate failed";
            return Step::corrupt;
        }
    }
}

}  // namespace

Status check_png_inflate(std::span<const unsigned char> bytes, const PngLayout& layout, const CancelToken& cancel) {
    RawInflater inflater;
    if (!inflater.ok()) return make_error(Stage::decode, "not enough memory to check this PNG");
    Count count;
    count.limit = png_inflated_bytes(layout);
    Step step = Step::more_input;
    for_each_idat(bytes, [&](std::span<const unsigned char> data) {
        step = inflate_chunk(inflater, data, count, cancel);
        return step == Step::more_input;
    });
    switch (step) {
        case Step::more_input:  // the data ends early; stb_image says so in its own words
        case Step::finished: return Ok{};
        case Step::cancelled: return make_error(Stage::cancelled, "cancelled while checking the PNG's image data");
        case Step::corrupt:
            return make_error(Stage::decode, fmt::format("corrupt PNG: the image data does not inflate ({})", count.zlib_message));
        case Step::over_limit: break;
    }
    return make_error(Stage::limits,
                      fmt::format("PNG image data inflates past the {} bytes its header ({}x{}, {}) implies: a "
                                  "decompression bomb or a corrupt file; it was not decoded",
                                  count.limit, layout.width, layout.height, layout.describe()));
}

}  // namespace bmx::image
