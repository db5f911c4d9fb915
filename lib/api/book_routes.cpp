// Builds and reads the book image routes.
#include "api/book_routes.hpp"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

namespace bmx::api {

std::string books_page_path(int per_page, long page) { return fmt::format("/books?per_page={}&page={}", per_page, page); }

std::string book_images_path(long long book_id) { return fmt::format("/books/{}/images", book_id); }

std::string book_image_file_path(long long book_id, long long image_id) {
    return fmt::format("/books/{}/images/{}/file", book_id, image_id);
}

std::string book_image_thumbnail_path(long long book_id, long long image_id) {
    return fmt::format("/books/{}/images/{}/thumbnail", book_id, image_id);
}

std::string book_reorder_path(long long book_id) { return fmt::format("/books/{}/images/reorder", book_id); }

bool is_book_id(std::string_view text) {
    return !text.empty() && text.size() < 19 && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<long long> book_id_of_images_path(std::string_view path) {
    std::string_view bare = path.substr(0, path.find('?'));
    if (bare.size() > 1 && bare.back() == '/') bare.remove_suffix(1);
    constexpr std::string_view prefix = "/books/", suffix = "/images";
    if (bare.size() <= prefix.size() + suffix.size() || bare.substr(0, prefix.size()) != prefix ||
        bare.substr(bare.size() - suffix.size()) != suffix)
        return std::nullopt;
    std::string_view id = bare.substr(prefix.size(), bare.size() - prefix.size() - suffix.size());
    if (!is_book_id(id)) return std::nullopt;
    long long value = 0;
    std::from_chars(id.data(), id.data() + id.size(), value);
    return value;
}

}  // namespace bmx::api
