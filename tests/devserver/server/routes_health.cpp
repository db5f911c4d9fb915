// The /api/v1/health routes, which deploy checks call without a key.
#include "routes.hpp"

#include "health_checks.hpp"
#include "json_reply.hpp"

namespace bmx::devserver {

void add_health_routes(ApiRoutes& routes, DevserverContext& context) {
  routes.get("/api/v1/health/live", [](const httplib::Request&, httplib::Response& response) {
    reply_json(response, 200, {{"status", "ok"}});
  });

  // In the real server's order (its pydantic model's), which is not alphabetical.
  routes.get("/api/v1/health/version",
             [&context](const httplib::Request&, httplib::Response& response) {
               reply_ordered_json(response, 200,
                          {{"version", context.faults.version_for_next_report()},
                           {"environment", context.options.environment},
                           {"git_sha", context.options.git_sha},
                           {"deployed_at", context.deployed_at}});
             });

  // The real service answers 200 even when unhealthy; the verdict is in the body.
  routes.get("/api/v1/health/deep", [&context](const httplib::Request&, httplib::Response& response) {
    reply_json(response, 200, deep_health_report(context.options));
  });
}

}  // namespace bmx::devserver
