// sniff: tells the format of a file from its first bytes, never from its name.
#pragma once

#include <span>

#include "core/result.hpp"
#include "image/format.hpp"

namespace bmx::image {

// A decodable format, or an Error (stage "format") that names what the bytes look like
// instead: "not an image (content starts like a PDF)", "unsupported format HEIC: ...".
Result<Format> sniff(std::span<const unsigned char> bytes);

}  // namespace bmx::image
