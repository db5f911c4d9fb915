// The catalog's image changes: the two halves of an upload, reorder, edit and delete, numbered the way the real server numbers them.
#include "catalog.hpp"

#include <algorithm>

namespace bmx::devserver {

namespace {

bool listed_before(const StoredImage& left, const StoredImage& right) {
  if (left.display_order != right.display_order) return left.display_order < right.display_order;
  return left.id < right.id;
}

StoredImage stored_from(NewImage upload, int id) {
  StoredImage image;
  image.id = id;
  image.book_id = upload.book_id;
  image.sha256 = std::move(upload.sha256);
  image.size = upload.bytes.size();
  image.filename = std::move(upload.filename);
  image.image_type = std::move(upload.image_type);
  image.caption = std::move(upload.caption);
  image.has_thumbnail_part = upload.thumbnail_part.has_value();
  image.thumbnail_part_size = upload.thumbnail_part ? upload.thumbnail_part->size() : 0;
  image.thumbnail_generated = upload.thumbnail_generated;
  image.processing_delay_ms = upload.processing_delay_ms;
  image.bytes = std::make_shared<const std::string>(std::move(upload.bytes));
  // The CDN serves the client's thumbnail when it sent one, else the image itself.
  image.thumbnail_bytes = upload.thumbnail_part
                              ? std::make_shared<const std::string>(std::move(*upload.thumbnail_part))
                              : image.bytes;
  return image;
}

}  // namespace

DedupeOutcome Catalog::find_same_content(int book_id, const std::string& sha256) const {
  std::lock_guard lock(mutex_);
  if (books_.count(book_id) == 0) return {ContentCheck::no_such_book, {}};
  const auto images = images_.find(book_id);
  if (images == images_.end()) return {ContentCheck::new_content, {}};
  // Dedupe is by content within one book, as the real service does.
  const auto same = std::find_if(images->second.begin(), images->second.end(),
                                 [&](const StoredImage& image) { return image.sha256 == sha256; });
  if (same == images->second.end()) return {ContentCheck::new_content, {}};
  return {ContentCheck::duplicate, *same};
}

UploadOutcome Catalog::insert_image(NewImage upload) {
  std::lock_guard lock(mutex_);
  const int book_id = upload.book_id;
  if (books_.count(book_id) == 0) return {UploadKind::no_such_book, {}};  // Deleted meanwhile.

  const bool is_primary = upload.is_primary;
  auto& book_images = images_[book_id];
  StoredImage image = stored_from(std::move(upload), next_image_id_++);
  // The real server counts the book's images only now, after processing, so
  // uploads are numbered in the order they finish.
  image.display_order = static_cast<int>(book_images.size());
  const int image_id = image.id;
  book_images.push_back(std::move(image));
  if (is_primary) make_primary_locked(book_id, image_id);
  refresh_book_locked(book_id);
  return {UploadKind::stored, *find_locked(book_id, image_id)};
}

std::optional<std::vector<StoredImage>> Catalog::images_of(int book_id) const {
  std::lock_guard lock(mutex_);
  if (books_.count(book_id) == 0) return std::nullopt;
  const auto found = images_.find(book_id);
  if (found == images_.end()) return std::vector<StoredImage>{};
  std::vector<StoredImage> listed = found->second;
  std::sort(listed.begin(), listed.end(), listed_before);
  return listed;
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

ImageLookup Catalog::primary_image(int book_id) const {
  std::lock_guard lock(mutex_);
  if (books_.count(book_id) == 0) return {Found::no_such_book, {}};
  const auto found = images_.find(book_id);
  if (found == images_.end() || found->second.empty()) return {Found::no_such_image, {}};
  const auto& images = found->second;
  const auto primary = std::find_if(images.begin(), images.end(),
                                    [](const StoredImage& image) { return image.is_primary; });
  if (primary != images.end()) return {Found::image, *primary};
  return {Found::image, *std::min_element(images.begin(), images.end(), listed_before)};
}

ImageLookup Catalog::update_image(int book_id, int image_id, const ImageEdit& edit) {
  std::lock_guard lock(mutex_);
  if (books_.count(book_id) == 0) return {Found::no_such_book, {}};
  StoredImage* image = find_locked(book_id, image_id);
  if (!image) return {Found::no_such_image, {}};

  if (edit.image_type) image->image_type = *edit.image_type;
  if (edit.caption) image->caption = *edit.caption;
  if (edit.display_order) image->display_order = *edit.display_order;
  if (edit.is_primary == true) make_primary_locked(book_id, image_id);
  if (edit.is_primary == false) image->is_primary = false;
  refresh_book_locked(book_id);
  return {Found::image, *image};
}

Found Catalog::delete_image(int book_id, int image_id) {
  std::lock_guard lock(mutex_);
  if (books_.count(book_id) == 0) return Found::no_such_book;
  if (!find_locked(book_id, image_id)) return Found::no_such_image;
  // The others keep their numbers, so the next upload's count can repeat one.
  auto& images = images_[book_id];
  images.erase(std::remove_if(images.begin(), images.end(),
                              [&](const StoredImage& image) { return image.id == image_id; }),
               images.end());
  refresh_book_locked(book_id);
  return Found::image;
}

ReorderResult Catalog::reorder_images(int book_id, const std::vector<int>& image_ids) {
  std::lock_guard lock(mutex_);
  if (books_.count(book_id) == 0) return ReorderResult::no_such_book;
  // Every id is checked before anything changes: a refused reorder changes nothing.
  for (int image_id : image_ids) {
    if (!find_locked(book_id, image_id)) return ReorderResult::foreign_image;
  }
  if (image_ids.empty()) return ReorderResult::reordered;

  // A repeated id ends at its last position.
  for (std::size_t position = 0; position < image_ids.size(); ++position) {
    find_locked(book_id, image_ids[position])->display_order = static_cast<int>(position);
  }
  // Images left out of the list keep their numbers but still lose the primary flag.
  make_primary_locked(book_id, image_ids.front());
  refresh_book_locked(book_id);
  return ReorderResult::reordered;
}

StoredImage* Catalog::find_locked(int book_id, int image_id) {
  const auto found = images_.find(book_id);
  if (found == images_.end()) return nullptr;
  for (auto& image : found->second) {
    if (image.id == image_id) return &image;
  }
  return nullptr;
}

void Catalog::make_primary_locked(int book_id, int image_id) {
  for (auto& image : images_[book_id]) image.is_primary = image.id == image_id;
}

// The book record's image fields follow its images: the count, and the primary's URL.
void Catalog::refresh_book_locked(int book_id) {
  const auto& images = images_[book_id];
  nlohmann::json& book = books_[book_id];
  book["image_count"] = images.size();
  const auto primary = std::find_if(images.begin(), images.end(),
                                    [](const StoredImage& image) { return image.is_primary; });
  book["primary_image_url"] = primary == images.end() ? nlohmann::json(nullptr)
                                                      : nlohmann::json(image_url(*primary));
}

}  // namespace bmx::devserver
