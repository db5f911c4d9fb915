// Refuses bodies that are not images, by their declared type and by their first bytes.
#include "download/image_body.hpp"

#include <algorithm>
#include <cctype>
#include <span>

#include <fmt/format.h>

#include "image/sniff.hpp"

namespace bmx::download {

namespace image_body {

bool is_image_type(std::string_view type) {
    constexpr std::string_view prefix = "image/";
    if (type.size() <= prefix.size()) return false;
    return std::equal(prefix.begin(), prefix.end(), type.begin(),
                      [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); });
}

}  // namespace image_body

Result<image::Format> check_image_body(const std::optional<std::string>& content_type, std::string_view body) {
    if (!content_type) return make_error(Stage::format, "the answer has no Content-Type, so it is not an image");
    if (!image_body::is_image_type(*content_type))
        return make_error(Stage::format, fmt::format("the answer's Content-Type is {}, not image/*", *content_type));
    auto format = image::sniff(std::span(reinterpret_cast<const unsigned char*>(body.data()), body.size()));
    if (!format)
        return make_error(Stage::format, fmt::format("the answer said {} but its bytes are {}", *content_type,
                                                     format.error().message));
    return *format;
}

}  // namespace bmx::download
