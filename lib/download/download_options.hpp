// DownloadOptions: what `bmx-api download BOOK [DIR]` was asked to do, as a plain value.
#pragma once

#include <cstddef>
#include <filesystem>

#include "http/transport_options.hpp"

namespace bmx::download {

inline constexpr std::size_t default_parallel = 6;  // upload's --parallel default
inline constexpr std::size_t default_max_file_mib = 64;

// --primary: only the book's primary image (else its first by display_order, as the server's
// /images/primary answers).
enum class Selection { every_image, primary };
// --thumbnails: the server's thumbnails (/thumbnail), named NN-NAME.thumb.jpg, instead of originals.
enum class Variant { original, thumbnail };

struct DownloadOptions {
    long long book_id = 0;
    std::filesystem::path dir;  // created (with its parents) once the book's image list is read
    std::size_t parallel = default_parallel;
    std::size_t max_file_bytes = default_max_file_mib << 20;  // each image's body, decoded
    Selection selection = Selection::every_image;
    Variant variant = Variant::original;
    bool force = false;  // replace a file of the same name holding other content
    http::TransportOptions transport;
    bool capture_request_head = false;  // -v
};

}  // namespace bmx::download
