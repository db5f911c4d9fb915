// FastAPI's redirect_slashes: a path ending in "/" whose slash-less form is an API route answers 307 there, before any key check.
#include "routes.hpp"

#include "json_reply.hpp"

namespace bmx::devserver {

namespace {

std::string without_trailing_slashes(std::string path) {
  // Starlette strips them all (rstrip("/")), not just one.
  while (!path.empty() && path.back() == '/') path.pop_back();
  return path;
}

// The origin the client addressed, as Starlette builds it: the Host header as sent.
std::string requested_origin(const httplib::Request& request) {
  std::string host = request.get_header_value("Host");
  if (host.empty()) {
    const bool ipv6 = request.local_addr.find(':') != std::string::npos;
    host = (ipv6 ? "[" + request.local_addr + "]" : request.local_addr) + ":" +
           std::to_string(request.local_port);
  }
  return "http://" + host;
}

// The Location keeps the path as the client encoded it, and the query string untouched.
std::string redirect_location(const httplib::Request& request) {
  const auto question = request.target.find('?');
  const std::string raw_path = request.target.substr(0, question);
  std::string location = requested_origin(request) + without_trailing_slashes(raw_path);
  if (question != std::string::npos && question + 1 < request.target.size()) {
    location += request.target.substr(question);
  }
  return location;
}

}  // namespace

void add_trailing_slash_routes(httplib::Server& server, const ApiRoutes& routes) {
  const auto redirect = [&routes](const httplib::Request& request, httplib::Response& response) {
    // Routes match the decoded path, so the check does too.
    if (!routes.has_path(without_trailing_slashes(request.path))) {
      return reply_detail(response, 404, "Not Found");
    }
    response.status = 307;
    response.set_header("Location", redirect_location(request));
  };
  const char* ends_in_slash = "/.*/";
  server.Get(ends_in_slash, redirect);
  server.Post(ends_in_slash, redirect);
  server.Put(ends_in_slash, redirect);
  server.Patch(ends_in_slash, redirect);
  server.Delete(ends_in_slash, redirect);
  server.Options(ends_in_slash, redirect);
}

}  // namespace bmx::devserver
