// make_thumbnail: the thumbnail engine's entry points, from bytes or from a file to a JPEG
// thumbnail the same as the server's (fits in size x size, never upscaled, EXIF orientation
// applied, transparency on white, quality 85).
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "image/decode_control.hpp"
#include "image/resize_overlap.hpp"

namespace bmx::image {

struct ThumbnailOptions {
    int size = 300;                          // the thumbnail fits in size x size
    int quality = 85;                        // JPEG quality, 1-100
    std::int64_t max_pixels = 100'000'000;   // larger declared images are refused (stage "limits")
    ResizeOverlap overlap = ResizeOverlap::helper_thread;
    // The batch's shared decode budget, Ctrl-C and the JPEG scan limit. Decoding waits for its
    // share of the budget (stage "limits" when it exceeds the whole budget).
    DecodeControl decode;
};

struct Thumbnail {
    std::string format;  // of the source: "JPEG", "PNG", ...
    // As displayed, i.e. after EXIF orientation: a portrait photo stored 4000x3000 with
    // orientation 6 has source_width 3000, source_height 4000.
    int source_width = 0, source_height = 0;
    int width = 0, height = 0;
    std::vector<unsigned char> jpeg;
    std::vector<std::string> warnings;
};

// Pure: no file system, no globals; safe to call from many threads and to fuzz. Never throws.
// Error stages: "format", "decode", "limits", "encode", "usage" (options out of range),
// "cancelled" (options.decode.cancel).
Result<Thumbnail> make_thumbnail(std::span<const unsigned char> bytes, const ThumbnailOptions& options);

// Reads the file first (stage "read" errors), then make_thumbnail; adds a warning when the
// extension does not match the content.
Result<Thumbnail> make_thumbnail_from_file(const std::filesystem::path& source, const ThumbnailOptions& options);

// make_thumbnail_from_file, keeping the source format even when the thumbnail fails, for
// status reports ("format": "JPEG" beside "truncated JPEG: data ends early").
struct FileThumbnail {
    std::string format;  // empty when the content is not a recognised image
    Result<Thumbnail> thumbnail;
};
FileThumbnail thumbnail_file(const std::filesystem::path& source, const ThumbnailOptions& options);

}  // namespace bmx::image
