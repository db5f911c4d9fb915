// How handlers answer: JSON bodies, FastAPI-style {"detail": ...} errors, and the scripted failures.
#pragma once

#include "devserver_options.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <string>

namespace bmx::devserver {

void reply_json(httplib::Response& response, int status, const nlohmann::json& body);
// A body whose members go out in the order built, where the real server's order is not sorted.
void reply_ordered_json(httplib::Response& response, int status, const nlohmann::ordered_json& body);
void reply_detail(httplib::Response& response, int status, const std::string& detail);
// FastAPI's 422: {"detail": [{"loc": loc, "msg": msg, "type": type}]}.
void reply_validation_error(httplib::Response& response, const nlohmann::json& loc,
                            const std::string& msg, const std::string& type);
// --fail-status with {"detail":"Service temporarily unavailable"} and, if asked, Retry-After.
void reply_injected_failure(httplib::Response& response, const DevserverOptions& options);

}  // namespace bmx::devserver
