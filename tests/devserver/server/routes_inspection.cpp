// The /_dev routes tests use to see what the dev server received; they are never recorded themselves.
#include "routes.hpp"

#include "image_json.hpp"
#include "json_reply.hpp"
#include "request_params.hpp"
#include "tls_serving.hpp"

#include <chrono>

namespace bmx::devserver {

namespace {

constexpr int max_wait_ms = 60000;

}  // namespace

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

  // --cdn-host: each request the CDN origin received, and whether it carried X-API-Key (it never
  // should: the key belongs to the API's origin). Empty without a CDN listener.
  server.Get("/_dev/cdn", [&context](const httplib::Request&, httplib::Response& response) {
    nlohmann::json received = nlohmann::json::array();
    if (context.cdn_log) {
      for (const nlohmann::json& entry : context.cdn_log->entries()) {
        received.push_back({{"method", entry["method"]},
                            {"path", entry["path"]},
                            {"status", entry["status"]},
                            {"x_api_key", entry["headers"].contains("x-api-key")}});
      }
    }
    reply_json(response, 200, received);
  });

  server.Get("/_dev/stats", [&context](const httplib::Request&, httplib::Response& response) {
    nlohmann::json stats = context.request_log.stats();
    if (context.uplink) stats["uplink_bytes_read"] = context.uplink->bytes_read();
    add_tls_stats(context.tls, stats);
    reply_json(response, 200, stats);
  });

  // Waits for an event instead of making tests sleep: "N uploads have begun
  // processing" lets a test start the next request only once the last is held.
  server.Get("/_dev/processing", [&context](const httplib::Request& request, httplib::Response& response) {
    const auto started = query_int(request, "started", 0);
    const auto timeout_ms = query_int(request, "timeout_ms", 0);
    if (!started || !timeout_ms || *timeout_ms < 0 || *timeout_ms > max_wait_ms) {
      return reply_detail(response, 422, "started and timeout_ms (0..60000) must be integers");
    }
    const ProcessingCounts counts =
        context.processing.wait_until_started(*started, std::chrono::milliseconds(*timeout_ms));
    reply_json(response, 200, {{"started", counts.started}, {"in_processing", counts.in_processing}});
  });

  // Clears only the log: tests reset between steps without losing uploaded data.
  server.Post("/_dev/reset", [&context](const httplib::Request&, httplib::Response& response) {
    context.request_log.clear();
    if (context.cdn_log) context.cdn_log->clear();
    reply_json(response, 200, {{"status", "ok"}});
  });
}

}  // namespace bmx::devserver
