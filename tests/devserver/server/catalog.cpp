// The dev server's in-memory data: construction, the books, and image URLs (image changes are in catalog_images.cpp).
#include "catalog.hpp"

#include "seed_jpeg.hpp"
#include "sha256_hex.hpp"
#include "victorian_books.hpp"

#include <iterator>

namespace bmx::devserver {

namespace {

std::string image_path(const StoredImage& image, const char* suffix) {
  return "/images/" + std::to_string(image.book_id) + "/" + std::to_string(image.id) + suffix +
         ".jpg";
}

NewImage seed_image_for(int book_id) {
  NewImage seed;
  seed.book_id = book_id;
  seed.bytes = seed_jpeg();
  seed.sha256 = sha256_hex(seed.bytes);
  seed.filename = "seed.jpg";
  seed.image_type = "cover";
  seed.is_primary = true;
  seed.thumbnail_generated = true;
  return seed;
}

}  // namespace

Catalog::Catalog(int book_count, const std::vector<int>& seed_image_books, std::string image_base)
    : image_base_(std::move(image_base)) {
  for (int id = 1; id <= book_count; ++id) books_[id] = seeded_book(id);
  next_book_id_ = book_count + 1;
  // Through the upload's own path, so a book named twice keeps one image, numbered 0.
  for (int book_id : seed_image_books) {
    NewImage seed = seed_image_for(book_id);
    if (find_same_content(book_id, seed.sha256).kind == ContentCheck::new_content) {
      insert_image(std::move(seed));
    }
  }
}

std::optional<nlohmann::json> Catalog::book(int id) const {
  std::lock_guard lock(mutex_);
  const auto found = books_.find(id);
  if (found == books_.end()) return std::nullopt;
  return found->second;
}

nlohmann::json Catalog::book_page(int page, int per_page) const {
  std::lock_guard lock(mutex_);
  const auto total = static_cast<long>(books_.size());
  const long first = static_cast<long>(page - 1) * per_page;
  nlohmann::json items = nlohmann::json::array();
  if (first < total) {
    auto it = std::next(books_.begin(), first);
    for (int taken = 0; taken < per_page && it != books_.end(); ++taken, ++it) {
      items.push_back(it->second);
    }
  }
  return {{"items", items},
          {"total", total},
          {"page", page},
          {"per_page", per_page},
          {"pages", (total + per_page - 1) / per_page}};
}

nlohmann::json Catalog::create_book(const nlohmann::json& fields) {
  std::lock_guard lock(mutex_);
  const int id = next_book_id_++;
  nlohmann::json book = {{"id", id},          {"title", nullptr},      {"author", nullptr},
                         {"year", nullptr},   {"status", "ON_HAND"},   {"image_count", 0},
                         {"primary_image_url", nullptr}};
  book.update(fields);
  book["id"] = id;  // The server owns ids, whatever the body said.
  books_[id] = book;
  return book;
}

std::optional<nlohmann::json> Catalog::patch_book(int id, const nlohmann::json& fields) {
  std::lock_guard lock(mutex_);
  const auto found = books_.find(id);
  if (found == books_.end()) return std::nullopt;
  found->second.update(fields);
  found->second["id"] = id;
  return found->second;
}

bool Catalog::delete_book(int id) {
  std::lock_guard lock(mutex_);
  images_.erase(id);
  return books_.erase(id) == 1;
}

std::string Catalog::image_url(const StoredImage& image) const {
  return image_base_ + image_path(image, "");
}

std::string Catalog::thumbnail_url(const StoredImage& image) const {
  return image_base_ + image_path(image, "_thumb");
}

}  // namespace bmx::devserver
