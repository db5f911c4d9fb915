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

void add_duplicate_fields(nlohmann::json& body) {
  body["thumbnail_status"] = "skipped";
  body["thumbnail_error"] = nullptr;
  body["duplicate"] = true;
  body["message"] = "Image already exists (identical content)";
}

void add_stored_fields(nlohmann::json& body, const StoredImage& image, OptionalFields optional_fields) {
  if (!image.thumbnail_generated) {
    // A failure is always reported, flag or not: the real server says why.
    body["thumbnail_status"] = "failed";
    body["thumbnail_error"] = "cannot identify image file";
  } else if (optional_fields == OptionalFields::filled) {
    body["thumbnail_status"] = "generated";
    body["thumbnail_error"] = nullptr;
  } else {
    body["thumbnail_status"] = nullptr;
    body["thumbnail_error"] = nullptr;
  }
  if (optional_fields == OptionalFields::filled) {
    body["duplicate"] = false;
    body["message"] = "Image uploaded";
  } else {
    body["duplicate"] = nullptr;
    body["message"] = nullptr;
  }
}

}  // namespace

nlohmann::json upload_response(const Catalog& catalog, const StoredImage& image, UploadKind kind,
                               OptionalFields optional_fields) {
  nlohmann::json body = {{"id", image.id},
                         {"url", catalog.image_url(image)},
                         {"thumbnail_url", catalog.thumbnail_url(image)},
                         {"image_type", image.image_type},
                         {"is_primary", image.is_primary}};
  if (kind == UploadKind::duplicate) {
    add_duplicate_fields(body);
  } else {
    add_stored_fields(body, image, optional_fields);
  }
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
