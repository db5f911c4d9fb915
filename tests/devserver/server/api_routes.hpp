// Registers the /api/v1 routes with httplib and remembers their paths, so the trailing-slash redirect knows which paths exist.
#pragma once

#include <httplib.h>

#include <regex>
#include <string>
#include <vector>

namespace bmx::devserver {

class ApiRoutes {
 public:
  explicit ApiRoutes(httplib::Server& server) : server_(server) {}

  void get(const std::string& pattern, httplib::Server::Handler handler);
  void post(const std::string& pattern, httplib::Server::Handler handler);
  void put(const std::string& pattern, httplib::Server::Handler handler);
  void patch(const std::string& pattern, httplib::Server::Handler handler);
  void remove(const std::string& pattern, httplib::Server::Handler handler);

  // Whether some route, for any method, matches the whole path (Starlette's
  // "full or partial match", which is all redirect_slashes asks).
  bool has_path(const std::string& path) const;

 private:
  void remember(const std::string& pattern);

  httplib::Server& server_;
  std::vector<std::regex> patterns_;
};

}  // namespace bmx::devserver
