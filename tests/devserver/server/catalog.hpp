// The dev server's in-memory data: books and their images, behind one mutex because an upload changes both.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace bmx::devserver {

struct StoredImage {
  int id = 0;
  int book_id = 0;
  std::string sha256;
  std::size_t size = 0;
  std::string filename;
  std::string image_type;
  // The book's image count when it was inserted, as the real server numbers images;
  // reorder and PUT change it. Not unique: after a delete two images can share one.
  int display_order = 0;
  bool is_primary = false;
  std::optional<std::string> caption;
  bool has_thumbnail_part = false;
  std::size_t thumbnail_part_size = 0;
  bool thumbnail_generated = false;
  long processing_delay_ms = 0;  // What this upload spent processing (for tests).
  // Shared so handing an image out of the lock never copies its bytes.
  std::shared_ptr<const std::string> bytes;
  std::shared_ptr<const std::string> thumbnail_bytes;
};

// What an upload asks to store; hashing, sniffing and processing happen before the lock.
struct NewImage {
  int book_id = 0;
  std::string bytes;
  std::string sha256;
  std::string filename;
  std::string image_type;
  bool is_primary = false;
  std::optional<std::string> caption;
  std::optional<std::string> thumbnail_part;
  bool thumbnail_generated = false;
  long processing_delay_ms = 0;
};

enum class UploadKind { stored, duplicate, no_such_book };

struct UploadOutcome {
  UploadKind kind = UploadKind::no_such_book;
  StoredImage image;  // The new image, or the existing one for a duplicate.
};

// The content check an upload makes before it spends its processing time.
enum class ContentCheck { new_content, duplicate, no_such_book };

struct DedupeOutcome {
  ContentCheck kind = ContentCheck::no_such_book;
  StoredImage existing;  // Valid for a duplicate.
};

enum class ImageVariant { full, thumbnail };

enum class Found { image, no_such_book, no_such_image };

struct ImageLookup {
  Found found = Found::no_such_book;
  StoredImage image;  // Valid when found == Found::image.
};

// PUT /books/{id}/images/{image_id}: each field that is set replaces the image's.
struct ImageEdit {
  std::optional<std::string> image_type;
  std::optional<bool> is_primary;
  std::optional<std::string> caption;
  std::optional<int> display_order;
};

enum class ReorderResult { reordered, no_such_book, foreign_image };

class Catalog {
 public:
  // Seeds books 1..book_count, then one primary image for each seed_image_books entry.
  Catalog(int book_count, const std::vector<int>& seed_image_books, std::string image_base);

  std::optional<nlohmann::json> book(int id) const;
  // {items, total, page, per_page, pages}
  nlohmann::json book_page(int page, int per_page) const;
  nlohmann::json create_book(const nlohmann::json& fields);
  std::optional<nlohmann::json> patch_book(int id, const nlohmann::json& fields);
  bool delete_book(int id);

  // The two halves of an upload, with the processing time between them outside
  // the lock: so two identical concurrent uploads can both be stored, as on the real server.
  DedupeOutcome find_same_content(int book_id, const std::string& sha256) const;
  UploadOutcome insert_image(NewImage upload);

  // Ordered by display_order, ties by id, like the real listing.
  std::optional<std::vector<StoredImage>> images_of(int book_id) const;
  // By book, each in insertion (id) order; books without images are left out.
  std::map<int, std::vector<StoredImage>> all_images() const;
  std::shared_ptr<const std::string> image_bytes(int book_id, int image_id, ImageVariant variant) const;

  // The primary image, else the first by display_order.
  ImageLookup primary_image(int book_id) const;
  ImageLookup update_image(int book_id, int image_id, const ImageEdit& edit);
  Found delete_image(int book_id, int image_id);
  // Each id gets its position as display_order; the first becomes the book's only primary.
  ReorderResult reorder_images(int book_id, const std::vector<int>& image_ids);

  std::string image_url(const StoredImage& image) const;
  std::string thumbnail_url(const StoredImage& image) const;

 private:
  StoredImage* find_locked(int book_id, int image_id);
  void make_primary_locked(int book_id, int image_id);
  void refresh_book_locked(int book_id);

  mutable std::mutex mutex_;
  std::map<int, nlohmann::json> books_;
  std::map<int, std::vector<StoredImage>> images_;  // By book id, in insertion (id) order.
  int next_book_id_ = 1;
  int next_image_id_ = 1;  // Global across books, like the real database sequence.
  const std::string image_base_;
};

}  // namespace bmx::devserver
