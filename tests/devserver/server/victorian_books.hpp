// The deterministic seed catalogue: plausible Victorian books with ids 1..N.
#pragma once

#include <nlohmann/json.hpp>

namespace bmx::devserver {

// {id, title, author, year, status, image_count: 0, primary_image_url: null}
nlohmann::json seeded_book(int id);

}  // namespace bmx::devserver
