// The small valid JPEG that --seed-image books get, made in code rather than shipped as a blob.
#pragma once

#include <string>

namespace bmx::devserver {

// A 16x16 solid-colour baseline JPEG; the same bytes on every run and in every
// instance, so an API devserver and a CDN devserver agree on seeded images.
const std::string& seed_jpeg();

// Whether stb recognises the bytes as an image (the "can make a thumbnail" test).
bool looks_like_image(const std::string& bytes);

}  // namespace bmx::devserver
