// POST and GET /api/v1/books/{id}/images: multipart upload with content dedupe, numbered on completion, and the listing.
#include "routes.hpp"

#include "answer_faults.hpp"
#include "form_filename.hpp"
#include "api_guard.hpp"
#include "image_json.hpp"
#include "json_reply.hpp"
#include "request_params.hpp"
#include "seed_jpeg.hpp"
#include "sha256_hex.hpp"

namespace bmx::devserver {

namespace {

void reply_missing_file(httplib::Response& response) {
  reply_json(response, 422,
             {{"detail",
               {{{"loc", {"body", "file"}}, {"msg", "field required"}, {"type", "value_error.missing"}}}}});
}

// Hashing and sniffing happen here, before the catalog's lock.
NewImage new_image_from(const httplib::Request& request, int book_id) {
  const httplib::MultipartFormData file = request.get_file_value("file");
  NewImage upload;
  upload.book_id = book_id;
  upload.bytes = file.content;
  upload.sha256 = sha256_hex(upload.bytes);
  upload.filename = form_filename_text(file.filename);
  upload.image_type = request.has_param("image_type") ? request.get_param_value("image_type") : "detail";
  upload.is_primary = query_flag(request, "is_primary");
  if (request.has_param("caption")) upload.caption = request.get_param_value("caption");
  // The client's own thumbnail is recorded for tests; the server still judges the file.
  if (request.has_file("thumbnail")) upload.thumbnail_part = request.get_file_value("thumbnail").content;
  upload.thumbnail_generated = looks_like_image(upload.bytes);
  return upload;
}

OptionalFields optional_fields_of(const DevserverOptions& options) {
  return options.null_optional_fields ? OptionalFields::null_when_unset : OptionalFields::filled;
}

// The answer to a stored or duplicate upload, broken as --bogus-upload asks for this file name.
void reply_upload(DevserverContext& context, httplib::Response& response, const std::string& filename,
                  const StoredImage& image, UploadKind kind) {
  nlohmann::json answer = upload_response(context.catalog, image, kind, optional_fields_of(context.options));
  const auto bogus = bogus_mode_for(context.options, filename);
  if (!bogus) return reply_json(response, 201, answer);
  reply_bogus_upload(response, *bogus, std::move(answer), context.catalog, image);
}

// The real server's order: whole body in, hash, dedupe, then the slow part (write,
// thumbnail), and only then the count that becomes display_order, and the insert.
void post_image(DevserverContext& context, const httplib::Request& request,
                httplib::Response& response) {
  // httplib has read the whole body by now, as the real server has before any of its answers.
  if (const auto refusal = context.faults.take_image_refusal()) return reply_image_refusal(response, *refusal);
  if (context.faults.take_image_failure()) return reply_injected_failure(response, context.options);

  // The hosted API's gateway refuses an oversized request before the application sees it, in its
  // own words (no FastAPI "detail"), and the image is never stored.
  const std::size_t limit = context.options.max_upload_bytes;
  if (limit != 0 && declared_body_bytes(request) > limit) {
    return reply_json(response, 413, nlohmann::json{{"message", "Request Entity Too Large"}});
  }

  const auto book_id = path_id(request);
  if (!book_id || !context.catalog.book(*book_id)) return reply_detail(response, 404, "Book not found");
  if (!request.has_file("file")) return reply_missing_file(response);

  NewImage upload = new_image_from(request, *book_id);
  const DedupeOutcome dedupe = context.catalog.find_same_content(*book_id, upload.sha256);
  switch (dedupe.kind) {
    case ContentCheck::no_such_book:  // Deleted while we were hashing.
      return reply_detail(response, 404, "Book not found");
    case ContentCheck::duplicate:
      // FastAPI's route has status_code=201, so a duplicate is 201 too.
      return reply_upload(context, response, upload.filename, dedupe.existing, UploadKind::duplicate);
    case ContentCheck::new_content:
      break;
  }

  upload.processing_delay_ms = context.processing.spend(upload.filename).count();
  const std::string filename = upload.filename;
  const UploadOutcome outcome = context.catalog.insert_image(std::move(upload));
  if (outcome.kind != UploadKind::stored) return reply_detail(response, 404, "Book not found");
  reply_upload(context, response, filename, outcome.image, outcome.kind);
}

void list_images(DevserverContext& context, const httplib::Request& request,
                 httplib::Response& response) {
  const auto book_id = path_id(request);
  const auto images = book_id ? context.catalog.images_of(*book_id) : std::nullopt;
  if (!images) return reply_detail(response, 404, "Book not found");

  nlohmann::json listing = nlohmann::json::array();
  for (const auto& image : *images) listing.push_back(listing_entry(context.catalog, image));
  reply_json(response, 200, listing);
}

}  // namespace

void add_image_routes(ApiRoutes& routes, DevserverContext& context) {
  routes.post(R"(/api/v1/books/(\d+)/images)", keyed(context, post_image));
  routes.get(R"(/api/v1/books/(\d+)/images)", keyed(context, list_images));
}

}  // namespace bmx::devserver
