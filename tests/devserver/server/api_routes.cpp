// Registers the /api/v1 routes with httplib and remembers their paths, so the trailing-slash redirect knows which paths exist.
#include "api_routes.hpp"

#include <algorithm>

namespace bmx::devserver {

void ApiRoutes::get(const std::string& pattern, httplib::Server::Handler handler) {
  remember(pattern);
  server_.Get(pattern, std::move(handler));
}

void ApiRoutes::post(const std::string& pattern, httplib::Server::Handler handler) {
  remember(pattern);
  server_.Post(pattern, std::move(handler));
}

void ApiRoutes::put(const std::string& pattern, httplib::Server::Handler handler) {
  remember(pattern);
  server_.Put(pattern, std::move(handler));
}

void ApiRoutes::patch(const std::string& pattern, httplib::Server::Handler handler) {
  remember(pattern);
  server_.Patch(pattern, std::move(handler));
}

void ApiRoutes::remove(const std::string& pattern, httplib::Server::Handler handler) {
  remember(pattern);
  server_.Delete(pattern, std::move(handler));
}

bool ApiRoutes::has_path(const std::string& path) const {
  // httplib matches a route with std::regex_match, so the whole path, and so does this.
  return std::any_of(patterns_.begin(), patterns_.end(),
                     [&](const std::regex& pattern) { return std::regex_match(path, pattern); });
}

void ApiRoutes::remember(const std::string& pattern) { patterns_.emplace_back(pattern); }

}  // namespace bmx::devserver
