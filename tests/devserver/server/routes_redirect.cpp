// --redirect PATH=URL: the API answering with a redirect to another host, so tests can check
// that the client follows it without the API key.
#include "routes.hpp"

#include <regex>

namespace bmx::devserver {
namespace {

std::string escape_for_regex(const std::string& text) {
  static const std::regex special(R"([.^$|()\[\]{}*+?\\])");
  return std::regex_replace(text, special, R"(\$&)");
}

}  // namespace

void add_redirect_routes(httplib::Server& server, DevserverContext& context) {
  for (const std::string& redirect : context.options.redirects) {
    const auto equals = redirect.find('=');
    const std::string pattern = escape_for_regex(redirect.substr(0, equals));
    const std::string target = redirect.substr(equals + 1);
    auto answer = [target](int status) {
      return [target, status](const httplib::Request&, httplib::Response& response) {
        response.status = status;
        response.set_header("Location", target);
      };
    };
    server.Get(pattern, answer(302));
    server.Post(pattern, answer(307));
  }
}

}  // namespace bmx::devserver
