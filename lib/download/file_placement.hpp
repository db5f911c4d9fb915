// Puts a downloaded image in place: a temporary name in the directory, renamed over the final
// name only once every byte is written, and never over a file with other content unless forced.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace bmx::download {

enum class Placed { written, already_there };

enum class Overwrite { refuse, allow };  // allow: --force

struct PlacedFile {
    std::filesystem::path path;  // the final name
    std::string_view bytes;
    std::string sha256;           // of bytes
    long long image_id = 0;       // for the reason when the name is taken
};

// already_there when the final name holds these very bytes (by sha256): nothing is written. A
// final name holding other content is stage "write" naming both hashes, unless `overwrite`
// allows replacing it. Any failure (a full disk, an unwritable directory) is stage "write" with
// the reason, and removes the temporary file: nothing partial is left.
Result<Placed> place_file(const PlacedFile& file, Overwrite overwrite);

}  // namespace bmx::download
