// How handlers answer: JSON bodies, FastAPI-style {"detail": ...} errors, and the scripted failures.
#include "json_reply.hpp"

namespace bmx::devserver {

void reply_json(httplib::Response& response, int status, const nlohmann::json& body) {
  response.status = status;
  response.set_content(body.dump(), "application/json");
}

void reply_ordered_json(httplib::Response& response, int status, const nlohmann::ordered_json& body) {
  response.status = status;
  response.set_content(body.dump(), "application/json");
}

void reply_detail(httplib::Response& response, int status, const std::string& detail) {
  reply_json(response, status, {{"detail", detail}});
}

void reply_validation_error(httplib::Response& response, const nlohmann::json& loc,
                            const std::string& msg, const std::string& type) {
  reply_json(response, 422, {{"detail", {{{"loc", loc}, {"msg", msg}, {"type", type}}}}});
}

void reply_injected_failure(httplib::Response& response, const DevserverOptions& options) {
  if (options.retry_after) response.set_header("Retry-After", *options.retry_after);
  reply_detail(response, options.fail_status, "Service temporarily unavailable");
}

}  // namespace bmx::devserver
