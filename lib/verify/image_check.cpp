// Finds a book's primary image on a /books page and judges the HEAD of its URL.
#include "verify/image_check.hpp"

#include <fmt/format.h>

#include "core/text.hpp"

namespace bmx::verify {

std::optional<std::string> first_primary_image_url(const nlohmann::json& page) {
    if (!page.is_object()) return std::nullopt;
    auto items = page.find("items");
    if (items == page.end() || !items->is_array()) return std::nullopt;
    for (const auto& book : *items) {
        if (!book.is_object()) continue;
        auto count = book.find("image_count");
        bool has_images = count == book.end() || !count->is_number() || count->get<double>() > 0;
        auto url = book.find("primary_image_url");
        if (!has_images || url == book.end() || !url->is_string()) continue;
        std::string text(trim(url->get<std::string>()));
        if (!text.empty()) return text;
    }
    return std::nullopt;
}

Verdict judge_image_head(const std::string& url, const http::HttpResponse& response) {
    std::string content_type(trim(response.header("Content-Type").value_or("")));
    std::string shown_type = content_type.empty() ? "no content-type" : content_type;
    if (response.status >= 400)
        return {CheckStatus::failed,
                fmt::format("expected an image from HEAD {}, got HTTP {} ({})", url, response.status, shown_type)};
    if (!starts_with_ci(content_type, "image/"))
        return {CheckStatus::failed, fmt::format("expected content-type image/* from HEAD {}, got HTTP {} with {}", url,
                                                 response.status, shown_type)};
    return {CheckStatus::passed, fmt::format("HEAD {}: HTTP {}, {}", url, response.status, content_type)};
}

}  // namespace bmx::verify
