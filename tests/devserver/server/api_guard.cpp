// The gate in front of every keyed /api/v1 route: scripted --fail-requests failures, then the X-API-Key check.
#include "api_guard.hpp"

#include "json_reply.hpp"

namespace bmx::devserver {

httplib::Server::Handler guarded(DevserverContext& context, httplib::Server::Handler handler) {
  return [&context, handler = std::move(handler)](const httplib::Request& request,
                                                  httplib::Response& response) {
    // A failing gateway answers before the application ever checks the key.
    if (context.faults.take_request_failure()) {
      reply_injected_failure(response, context.options);
      return;
    }
    if (request.get_header_value("X-API-Key") != context.options.api_key) {
      reply_detail(response, 401, "Authentication required");
      return;
    }
    handler(request, response);
  };
}

httplib::Server::Handler keyed(DevserverContext& context, ContextHandler handler) {
  return guarded(context, [&context, handler](const httplib::Request& request,
                                              httplib::Response& response) {
    handler(context, request, response);
  });
}

}  // namespace bmx::devserver
