// The keyed /api/v1/books routes: paging, CRUD, and the text/plain analysis upload.
#include "routes.hpp"

#include "api_guard.hpp"
#include "json_reply.hpp"
#include "request_params.hpp"
#include "sha256_hex.hpp"

#include <algorithm>
#include <cctype>

namespace bmx::devserver {

namespace {

constexpr int max_per_page = 100;
constexpr std::size_t short_analysis_bytes = 200;

// FastAPI's shape for a rejected query parameter.
void reply_invalid_query(httplib::Response& response, const std::string& name,
                         const std::string& message) {
  reply_json(response, 422,
             {{"detail", {{{"loc", {"query", name}}, {"msg", message}, {"type", "value_error"}}}}});
}

std::optional<nlohmann::json> json_object_body(const httplib::Request& request) {
  nlohmann::json body = nlohmann::json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded() || !body.is_object()) return std::nullopt;
  return body;
}

bool is_plain_text(const httplib::Request& request) {
  std::string type = request.get_header_value("Content-Type");
  std::transform(type.begin(), type.end(), type.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return type.rfind("text/plain", 0) == 0;
}

void list_books(DevserverContext& context, const httplib::Request& request,
                httplib::Response& response) {
  const auto page = query_int(request, "page", 1);
  const auto per_page = query_int(request, "per_page", 20);
  if (!page || *page < 1) return reply_invalid_query(response, "page", "ensure this value is at least 1");
  if (!per_page || *per_page < 1 || *per_page > max_per_page) {
    return reply_invalid_query(response, "per_page", "ensure 1 <= per_page <= 100");
  }
  reply_json(response, 200, context.catalog.book_page(*page, *per_page));
}

void get_book(DevserverContext& context, const httplib::Request& request,
              httplib::Response& response) {
  const auto id = path_id(request);
  const auto book = id ? context.catalog.book(*id) : std::nullopt;
  if (!book) return reply_detail(response, 404, "Book not found");
  reply_json(response, 200, *book);
}

void create_book(DevserverContext& context, const httplib::Request& request,
                 httplib::Response& response) {
  const auto fields = json_object_body(request);
  if (!fields) return reply_detail(response, 422, "Request body must be a JSON object");
  reply_json(response, 201, context.catalog.create_book(*fields));
}

void patch_book(DevserverContext& context, const httplib::Request& request,
                httplib::Response& response) {
  const auto id = path_id(request);
  if (!id || !context.catalog.book(*id)) return reply_detail(response, 404, "Book not found");
  const auto fields = json_object_body(request);
  if (!fields) return reply_detail(response, 422, "Request body must be a JSON object");
  const auto book = context.catalog.patch_book(*id, *fields);
  if (!book) return reply_detail(response, 404, "Book not found");
  reply_json(response, 200, *book);
}

void delete_book(DevserverContext& context, const httplib::Request& request,
                 httplib::Response& response) {
  const auto id = path_id(request);
  if (!id || !context.catalog.delete_book(*id)) return reply_detail(response, 404, "Book not found");
  response.status = 204;
}

void put_analysis(DevserverContext& context, const httplib::Request& request,
                  httplib::Response& response) {
  const auto id = path_id(request);
  if (!id || !context.catalog.book(*id)) return reply_detail(response, 404, "Book not found");
  if (!is_plain_text(request)) return reply_detail(response, 415, "Expected text/plain");

  // Both warnings come together: a short analysis never has a summary section.
  if (request.body.size() < short_analysis_bytes) {
    response.set_header("X-BMX-Warning",
                        "analysis is shorter than 200 characters; no summary section found");
  }
  reply_json(response, 200,
             {{"book_id", *id}, {"length", request.body.size()}, {"sha256", sha256_hex(request.body)}});
}

}  // namespace

void add_book_routes(ApiRoutes& routes, DevserverContext& context) {
  routes.get("/api/v1/books", keyed(context, list_books));
  routes.post("/api/v1/books", keyed(context, create_book));
  routes.get(R"(/api/v1/books/(\d+))", keyed(context, get_book));
  routes.patch(R"(/api/v1/books/(\d+))", keyed(context, patch_book));
  routes.remove(R"(/api/v1/books/(\d+))", keyed(context, delete_book));
  routes.put(R"(/api/v1/books/(\d+)/analysis)", keyed(context, put_analysis));
}

}  // namespace bmx::devserver
