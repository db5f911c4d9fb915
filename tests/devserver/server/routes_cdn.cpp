// The image CDN role (GET/HEAD /images/...: never needs, and must never be sent, the API key) and the
// API's GET /api/v1/books/{id}/images/{image_id}/file and /thumbnail, which answer 302 to it.
#include "routes.hpp"

#include "api_guard.hpp"
#include "json_reply.hpp"
#include "request_params.hpp"

#include <algorithm>
#include <string_view>

namespace bmx::devserver {

namespace cdn_routes {

bool starts_with(const std::string& bytes, std::string_view magic) {
  return bytes.size() >= magic.size() && std::string_view(bytes).substr(0, magic.size()) == magic;
}

// The type S3 would serve the stored object with: what its magic bytes say (the real server
// fixes the stored extension from them), else the generic binary type.
std::string content_type_of(const std::string& bytes) {
  if (starts_with(bytes, "\xFF\xD8\xFF")) return "image/jpeg";
  if (starts_with(bytes, "\x89PNG\r\n\x1A\n")) return "image/png";
  if (starts_with(bytes, "GIF87a") || starts_with(bytes, "GIF89a")) return "image/gif";
  if (bytes.size() >= 12 && starts_with(bytes, "RIFF") && bytes.compare(8, 4, "WEBP") == 0) return "image/webp";
  return "application/octet-stream";
}

// 302 to where the catalog says the image (or its thumbnail) is: the CDN origin in CDN mode,
// else the relative /images/ path on this server.
void redirect_to_cdn(DevserverContext& context, const httplib::Request& request, httplib::Response& response,
                     ImageVariant variant) {
  const auto book_id = path_id(request, 1);
  const auto image_id = path_id(request, 2);
  const auto images = book_id ? context.catalog.images_of(*book_id) : std::nullopt;
  if (!images) return reply_detail(response, 404, "Book not found");
  const auto image = std::find_if(images->begin(), images->end(),
                                  [&](const StoredImage& stored) { return image_id && stored.id == *image_id; });
  if (image == images->end()) return reply_detail(response, 404, "Image not found");
  response.status = 302;
  response.set_header("Location", variant == ImageVariant::full ? context.catalog.image_url(*image)
                                                                : context.catalog.thumbnail_url(*image));
}

void redirect_file(DevserverContext& context, const httplib::Request& request, httplib::Response& response) {
  redirect_to_cdn(context, request, response, ImageVariant::full);
}

void redirect_thumbnail(DevserverContext& context, const httplib::Request& request, httplib::Response& response) {
  redirect_to_cdn(context, request, response, ImageVariant::thumbnail);
}

}  // namespace cdn_routes

void add_cdn_routes(httplib::Server& server, DevserverContext& context) {
  // httplib answers HEAD from GET routes and drops the body itself.
  server.Get(R"(/images/(\d+)/(\d+)(_thumb)?\.jpg)",
             [&context](const httplib::Request& request, httplib::Response& response) {
               const auto book_id = path_id(request, 1);
               const auto image_id = path_id(request, 2);
               const auto variant =
                   request.matches[3].matched ? ImageVariant::thumbnail : ImageVariant::full;
               const auto bytes = (book_id && image_id)
                                      ? context.catalog.image_bytes(*book_id, *image_id, variant)
                                      : nullptr;
               if (!bytes) return reply_detail(response, 404, "Not Found");
               response.status = 200;
               response.set_content(*bytes, cdn_routes::content_type_of(*bytes));
             });
}

void add_image_file_routes(ApiRoutes& routes, DevserverContext& context) {
  routes.get(R"(/api/v1/books/(\d+)/images/(\d+)/file)", keyed(context, cdn_routes::redirect_file));
  routes.get(R"(/api/v1/books/(\d+)/images/(\d+)/thumbnail)", keyed(context, cdn_routes::redirect_thumbnail));
}

}  // namespace bmx::devserver
