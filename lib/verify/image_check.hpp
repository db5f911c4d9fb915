// The image check: the first book with a primary image; HEAD its URL and expect image/*.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "http/http_types.hpp"
#include "verify/check_result.hpp"

namespace bmx::verify {

// Books are searched this many per page...
inline constexpr int image_search_per_page = 100;
// ...on at most this many pages, so a catalogue without images ends the search quickly.
inline constexpr int image_search_max_pages = 10;

// The primary_image_url of the first book on a /books page with images (image_count > 0 and a
// non-empty primary_image_url), as given: absolute, or relative to the API's origin.
std::optional<std::string> first_primary_image_url(const nlohmann::json& page);

// Passed when the HEAD answered below 400 with content-type image/*.
Verdict judge_image_head(const std::string& url, const http::HttpResponse& response);

}  // namespace bmx::verify
