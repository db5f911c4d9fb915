// The JSON shapes of an image: the upload answer, the listing entry, and the /_dev/images record.
#include "image_json.hpp"

namespace bmx::devserver {

namespace {

nlohmann::json caption_json(const StoredImage& image) {
  return image.caption ? nlohmann::json(*image.caption) : nlohmann::json(nullptr);
}

std::string s3_key(const StoredImage& image) {
  return "books/" + std::to_string(image.book_id) + "/" + std::to_string(image.id) + ".jpg";
}

}  // namespace

nlohmann::json upload_response(const Catalog& catalog, const StoredImage& image, UploadKind kind) {
  nlohmann::json body = {{"id", image.id},
                         {"url", catalog.image_url(image)},
                         {"thumbnail_url", catalog.thumbnail_url(image)},
                         {"image_type", image.image_type},
                         {"is_primary", image.is_primary}};
  if (kind == UploadKind::duplicate) {
    body["thumbnail_status"] = "skipped";
    body["thumbnail_error"] = nullptr;
    body["duplicate"] = true;
    body["message"] = "Image already exists (identical content)";
    return body;
  }
  body["thumbnail_status"] = image.thumbnail_generated ? "generated" : "failed";
  body["thumbnail_error"] = image.thumbnail_generated ? nlohmann::json(nullptr)
                                                      : nlohmann::json("cannot identify image file");
  body["duplicate"] = false;
  body["message"] = "Image uploaded";
  return body;
}

nlohmann::json listing_entry(const Catalog& catalog, const StoredImage& image) {
  return {{"id", image.id},
          {"s3_key", s3_key(image)},
          {"original_filename", image.filename},
          {"url", catalog.image_url(image)},
          {"thumbnail_url", catalog.thumbnail_url(image)},
          {"image_type", image.image_type},
          {"display_order", image.display_order},
          {"is_primary", image.is_primary},
          {"caption", caption_json(image)}};
}

nlohmann::json inspection_entry(const StoredImage& image) {
  return {{"id", image.id},
          {"sha256", image.sha256},
          {"size", image.size},
          {"filename", image.filename},
          {"image_type", image.image_type},
          {"display_order", image.display_order},
          {"is_primary", image.is_primary},
          {"caption", caption_json(image)},
          {"has_thumbnail_part", image.has_thumbnail_part},
          {"thumbnail_part_size", image.thumbnail_part_size},
          {"processing_delay_ms", image.processing_delay_ms}};
}

}  // namespace bmx::devserver
