// Hooks the request log and --latency-ms into httplib's routing, so every route is recorded the same way.
#include "request_recording.hpp"

#include <optional>
#include <thread>
#include <utility>

namespace bmx::devserver {

namespace {

// httplib runs the pre-routing hook, the handler and the post-routing hook for
// one request on one worker thread, so the entry being recorded can live here.
thread_local std::optional<RequestLog::Sequence> entry_in_progress;

bool is_inspection_path(const std::string& path) {
  return path == "/_dev" || path.rfind("/_dev/", 0) == 0;
}

}  // namespace

void install_request_recording(httplib::Server& server, RequestLog& request_log,
                               std::chrono::milliseconds latency) {
  // Runs once headers are in, before the body: the log keeps arrival order.
  server.set_pre_routing_handler([&request_log](const httplib::Request& request, httplib::Response&) {
    entry_in_progress.reset();
    if (!is_inspection_path(request.path)) entry_in_progress = request_log.begin(request);
    return httplib::Server::HandlerResponse::Unhandled;
  });

  // Runs for every answer, routed or not, just before it is written.
  server.set_post_routing_handler([&request_log, latency](const httplib::Request& request,
                                                          httplib::Response& response) {
    // exchange() so an answer httplib writes without routing (a malformed
    // request) can never complete the previous request's entry.
    const auto sequence = std::exchange(entry_in_progress, std::nullopt);
    if (!sequence) return;
    request_log.finish(*sequence, request, response.status);
    if (latency.count() > 0) std::this_thread::sleep_for(latency);
  });
}

}  // namespace bmx::devserver
