// GET/HEAD /images/...: the dev server playing the image CDN, which must never need (or be sent) the API key.
#include "routes.hpp"

#include "json_reply.hpp"
#include "request_params.hpp"

namespace bmx::devserver {

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
               response.set_content(*bytes, "image/jpeg");
             });
}

}  // namespace bmx::devserver
