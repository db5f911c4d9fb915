// The JSON shapes of an image: the upload answer, the listing entry, and the /_dev/images record.
#pragma once

#include "catalog.hpp"

#include <nlohmann/json.hpp>

namespace bmx::devserver {

// --null-optional-fields: whether an upload answer fills its optional fields or
// leaves unset the ones the real server may leave unset (serialised as null).
enum class OptionalFields { filled, null_when_unset };

// ImageUploadResponse: {id, url, thumbnail_url, image_type, is_primary,
// thumbnail_status, thumbnail_error, duplicate, message}
nlohmann::json upload_response(const Catalog& catalog, const StoredImage& image, UploadKind kind,
                               OptionalFields optional_fields);

// GET /books/{id}/images entry (also the primary and PUT answers): {id, s3_key,
// original_filename, url, thumbnail_url, image_type, display_order, is_primary, caption}
nlohmann::json listing_entry(const Catalog& catalog, const StoredImage& image);

// /_dev/images entry: {id, sha256, size, filename, image_type, display_order, is_primary,
// caption, has_thumbnail_part, thumbnail_part_size, processing_delay_ms}
nlohmann::json inspection_entry(const StoredImage& image);

}  // namespace bmx::devserver
