// The /_dev routes tests use to see what the dev server received; they are never recorded themselves.
#include "routes.hpp"

#include "image_json.hpp"
#include "json_reply.hpp"

namespace bmx::devserver {

void add_inspection_routes(httplib::Server& server, DevserverContext& context) {
  server.Get("/_dev/requests", [&context](const httplib::Request&, httplib::Response& response) {
    reply_json(response, 200, context.request_log.entries());
  });

  server.Get("/_dev/images", [&context](const httplib::Request&, httplib::Response& response) {
    nlohmann::json by_book = nlohmann::json::object();
    for (const auto& [book_id, images] : context.catalog.all_images()) {
      nlohmann::json& entries = by_book[std::to_string(book_id)] = nlohmann::json::array();
      for (const auto& image : images) entries.push_back(inspection_entry(image));
    }
    reply_json(response, 200, by_book);
  });

  server.Get("/_dev/stats", [&context](const httplib::Request&, httplib::Response& response) {
    reply_json(response, 200, context.request_log.stats());
  });

  // Clears only the log: tests reset between steps without losing uploaded data.
  server.Post("/_dev/reset", [&context](const httplib::Request&, httplib::Response& response) {
    context.request_log.clear();
    reply_json(response, 200, {{"status", "ok"}});
  });
}

}  // namespace bmx::devserver
