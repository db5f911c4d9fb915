// Picks the header reader for a format.
#include "image/source_header.hpp"

#include "image/jpeg_markers.hpp"
#include "image/stb_header.hpp"
#include "image/webp_decode.hpp"

namespace bmx::image {

Result<SourceHeader> read_source_header(Format format, std::span<const unsigned char> bytes) {
    if (format == Format::webp) return read_webp_header(bytes);
    if (format != Format::jpeg) return read_stb_header(format, bytes);
    auto jpeg = read_jpeg_header(bytes);
    if (!jpeg) return jpeg.take_error();
    return SourceHeader{jpeg->width, jpeg->height, jpeg->exif_orientation};
}

}  // namespace bmx::image
