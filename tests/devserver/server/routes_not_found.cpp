// The routes registered last: any path nothing else claimed answers a JSON 404, so it is still recorded.
#include "routes.hpp"

#include "json_reply.hpp"

namespace bmx::devserver {

void add_not_found_routes(httplib::Server& server) {
  const auto not_found = [](const httplib::Request&, httplib::Response& response) {
    reply_detail(response, 404, "Not Found");
  };
  server.Get(".*", not_found);
  server.Post(".*", not_found);
  server.Put(".*", not_found);
  server.Patch(".*", not_found);
  server.Delete(".*", not_found);
  server.Options(".*", not_found);
}

}  // namespace bmx::devserver
