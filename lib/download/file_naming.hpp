// The names downloaded images get: NN-NAME, NN their place in the book, so `ls` shows the book in order.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "upload/book_order.hpp"

namespace bmx::download {

// NAME: original_filename made safe for a file system (no '/', no leading dot, no control
// bytes), else the s3_key's base name made safe the same way, else "image-ID".
std::string safe_image_name(const upload::ListedImage& image);

// "NN-NAME" for the image at 1-based `place` in a book of `count` images, NN zero-padded to the
// width of `count` (at least two digits).
std::string numbered_name(std::size_t place, std::size_t count, const std::string& name);

// Every image's file name, in the listing's (book) order.
std::vector<std::string> book_file_names(const std::vector<upload::ListedImage>& listing);

}  // namespace bmx::download
