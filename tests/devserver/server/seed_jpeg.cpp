// The small valid JPEG that --seed-image books get, made in code rather than shipped as a blob.
#include "seed_jpeg.hpp"

#include <stb_image.h>
#include <webp/decode.h>
#include <stb_image_write.h>

#include <array>
#include <climits>

namespace bmx::devserver {

namespace {

void append_to_string(void* context, void* data, int size) {
  static_cast<std::string*>(context)->append(static_cast<const char*>(data),
                                             static_cast<std::size_t>(size));
}

std::string encode_solid_jpeg() {
  constexpr int side = 16;
  constexpr int channels = 3;
  std::array<unsigned char, side * side * channels> pixels{};
  // A muted Morocco-leather red, so a decoded seed is recognisable in a viewer.
  for (std::size_t i = 0; i < pixels.size(); i += channels) {
    pixels[i] = 128;
    pixels[i + 1] = 32;
    pixels[i + 2] = 40;
  }
  std::string jpeg;
  stbi_write_jpg_to_func(append_to_string, &jpeg, side, side, channels, pixels.data(), 90);
  return jpeg;
}

}  // namespace

const std::string& seed_jpeg() {
  static const std::string jpeg = encode_solid_jpeg();
  return jpeg;
}

bool looks_like_image(const std::string& bytes) {
  if (bytes.empty() || bytes.size() > static_cast<std::size_t>(INT_MAX)) return false;
  int width = 0;
  int height = 0;
  int components = 0;
  // The real server (Pillow) reads WebP too; stb_image does not.
  if (WebPGetInfo(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), &width, &height) != 0) return true;
  return stbi_info_from_memory(reinterpret_cast<const stbi_uc*>(bytes.data()),
                               static_cast<int>(bytes.size()), &width, &height, &components) == 1;
}

}  // namespace bmx::devserver
