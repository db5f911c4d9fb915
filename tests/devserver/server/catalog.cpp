// The dev server's in-memory data: books and their images, behind one mutex because an upload changes both.
#include "catalog.hpp"

#include "seed_jpeg.hpp"
#include "sha256_hex.hpp"
#include "victorian_books.hpp"

#include <algorithm>

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
  for (int book_id : seed_image_books) add_image(seed_image_for(book_id));
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

UploadOutcome Catalog::add_image(NewImage upload) {
  std::lock_guard lock(mutex_);
  if (books_.count(upload.book_id) == 0) return {UploadKind::no_such_book, {}};

  // Dedupe is by content within one book, as the real service does.
  const auto& existing = images_[upload.book_id];
  const auto same_content = std::find_if(existing.begin(), existing.end(), [&](const auto& image) {
    return image.sha256 == upload.sha256;
  });
  if (same_content != existing.end()) return {UploadKind::duplicate, *same_content};

  return {UploadKind::stored, store_locked(std::move(upload))};
}

StoredImage& Catalog::store_locked(NewImage upload) {
  StoredImage image;
  image.id = next_image_id_++;
  image.book_id = upload.book_id;
  image.sha256 = std::move(upload.sha256);
  image.size = upload.bytes.size();
  image.filename = std::move(upload.filename);
  image.image_type = std::move(upload.image_type);
  image.caption = std::move(upload.caption);
  image.has_thumbnail_part = upload.thumbnail_part.has_value();
  image.thumbnail_part_size = upload.thumbnail_part ? upload.thumbnail_part->size() : 0;
  image.thumbnail_generated = upload.thumbnail_generated;
  image.bytes = std::make_shared<const std::string>(std::move(upload.bytes));
  // The CDN serves the client's thumbnail when it sent one, else the image itself.
  image.thumbnail_bytes = upload.thumbnail_part
                              ? std::make_shared<const std::string>(std::move(*upload.thumbnail_part))
                              : image.bytes;

  nlohmann::json& book = books_[image.book_id];
  book["image_count"] = book.value("image_count", 0) + 1;

  auto& book_images = images_[image.book_id];
  book_images.push_back(std::move(image));
  StoredImage& stored = book_images.back();
  if (upload.is_primary) make_primary_locked(stored);
  return stored;
}

void Catalog::make_primary_locked(StoredImage& image) {
  for (auto& other : images_[image.book_id]) other.is_primary = false;
  image.is_primary = true;
  books_[image.book_id]["primary_image_url"] = image_url(image);
}

std::optional<std::vector<StoredImage>> Catalog::images_of(int book_id) const {
  std::lock_guard lock(mutex_);
  if (books_.count(book_id) == 0) return std::nullopt;
  const auto found = images_.find(book_id);
  if (found == images_.end()) return std::vector<StoredImage>{};
  return found->second;
}

std::map<int, std::vector<StoredImage>> Catalog::all_images() const {
  std::lock_guard lock(mutex_);
  std::map<int, std::vector<StoredImage>> non_empty;
  for (const auto& [book_id, images] : images_) {
    if (!images.empty()) non_empty[book_id] = images;
  }
  return non_empty;
}

std::shared_ptr<const std::string> Catalog::image_bytes(int book_id, int image_id,
                                                        ImageVariant variant) const {
  std::lock_guard lock(mutex_);
  const auto found = images_.find(book_id);
  if (found == images_.end()) return nullptr;
  for (const auto& image : found->second) {
    if (image.id != image_id) continue;
    if (variant == ImageVariant::full) return image.bytes;
    // A thumbnail exists only when one could be made.
    return image.thumbnail_generated ? image.thumbnail_bytes : nullptr;
  }
  return nullptr;
}

std::string Catalog::image_url(const StoredImage& image) const {
  return image_base_ + image_path(image, "");
}

std::string Catalog::thumbnail_url(const StoredImage& image) const {
  return image_base_ + image_path(image, "_thumb");
}

}  // namespace bmx::devserver
