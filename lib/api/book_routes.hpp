// The book routes, spelled in one place: the book list, a book's images and their reorder, and
// reading a book id back out of an upload path.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace bmx::api {

// "/books?per_page=N&page=P": one page of the book list.
std::string books_page_path(int per_page, long page);
// "/books/123/images": the upload (POST) and the listing (GET).
std::string book_images_path(long long book_id);
// "/books/123/images/45/file": the image's bytes, by a 302 to the CDN in production.
std::string book_image_file_path(long long book_id, long long image_id);
// "/books/123/images/45/thumbnail": its server-made thumbnail, the same way.
std::string book_image_thumbnail_path(long long book_id, long long image_id);
// "/books/123/images/reorder" (PUT, a JSON array of image ids).
std::string book_reorder_path(long long book_id);
// The book id in "/books/123/images" (a query and one trailing slash allowed: the server
// answers "/images/" with a 307 to "/images"); nullopt for any other path.
std::optional<long long> book_id_of_images_path(std::string_view path);
// True when the text is a book id as the routes take it: digits only, at most 18 of them.
bool is_book_id(std::string_view text);

}  // namespace bmx::api
