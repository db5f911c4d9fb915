// The image routes that change or pick existing images: reorder, the primary, edit and delete.
#include "routes.hpp"

#include "answer_faults.hpp"
#include "api_guard.hpp"
#include "image_json.hpp"
#include "json_reply.hpp"
#include "request_params.hpp"

#include <climits>
#include <variant>

namespace bmx::devserver {

namespace {

struct ValidationProblem {
  nlohmann::json loc;
  std::string msg;
  std::string type;
};

void reply_problem(httplib::Response& response, const ValidationProblem& problem) {
  reply_validation_error(response, problem.loc, problem.msg, problem.type);
}

bool fits_int(const nlohmann::json& value) {
  if (value.is_number_unsigned()) return value.get<std::uint64_t>() <= INT_MAX;
  if (!value.is_number_integer()) return false;
  const auto number = value.get<std::int64_t>();
  return number >= INT_MIN && number <= INT_MAX;
}

// FastAPI's reading of a `list[int]` body. Stricter than pydantic, which would
// also take "3" or 3.0: a client that sends those has a bug worth seeing.
std::variant<std::vector<int>, ValidationProblem> image_ids_from(const std::string& body) {
  if (body.empty()) return ValidationProblem{{"body"}, "field required", "value_error.missing"};
  const nlohmann::json parsed = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return ValidationProblem{{"body", 0}, "JSON decode error", "value_error.jsondecode"};
  if (!parsed.is_array()) return ValidationProblem{{"body"}, "value is not a valid list", "type_error.list"};

  std::vector<int> ids;
  for (std::size_t index = 0; index < parsed.size(); ++index) {
    if (!fits_int(parsed[index])) {
      return ValidationProblem{{"body", index}, "value is not a valid integer", "type_error.integer"};
    }
    ids.push_back(parsed[index].get<int>());
  }
  return ids;
}

// Query parameters are validated before the handler runs, so a bad one is 422
// even for an image that does not exist.
std::variant<ImageEdit, ValidationProblem> image_edit_from(const httplib::Request& request) {
  ImageEdit edit;
  if (request.has_param("image_type")) edit.image_type = request.get_param_value("image_type");
  if (request.has_param("caption")) edit.caption = request.get_param_value("caption");
  switch (query_bool(request, "is_primary")) {
    case QueryBool::absent:
      break;
    case QueryBool::yes:
      edit.is_primary = true;
      break;
    case QueryBool::no:
      edit.is_primary = false;
      break;
    case QueryBool::malformed:
      return ValidationProblem{{"query", "is_primary"}, "value could not be parsed to a boolean",
                               "type_error.bool"};
  }
  if (request.has_param("display_order")) {
    edit.display_order = query_int(request, "display_order", 0);
    if (!edit.display_order) {
      return ValidationProblem{{"query", "display_order"}, "value is not a valid integer",
                               "type_error.integer"};
    }
  }
  return edit;
}

void reorder_images(DevserverContext& context, const httplib::Request& request,
                    httplib::Response& response) {
  const auto book_id = path_id(request);
  const auto ids = image_ids_from(request.body);
  if (const auto* problem = std::get_if<ValidationProblem>(&ids)) return reply_problem(response, *problem);
  const auto& image_ids = std::get<std::vector<int>>(ids);

  const ReorderResult result =
      book_id ? context.catalog.reorder_images(*book_id, image_ids) : ReorderResult::no_such_book;
  switch (result) {
    case ReorderResult::no_such_book:
      return reply_detail(response, 404, "Book not found");
    case ReorderResult::foreign_image:
      return reply_detail(response, 400, "Some image IDs do not belong to this book");
    case ReorderResult::reordered:
      return reply_reordered(response, context.options.reorder_answer, image_ids);
  }
}

void get_primary_image(DevserverContext& context, const httplib::Request& request,
                       httplib::Response& response) {
  const auto book_id = path_id(request);
  const ImageLookup lookup = book_id ? context.catalog.primary_image(*book_id) : ImageLookup{};
  switch (lookup.found) {
    case Found::no_such_book:
      return reply_detail(response, 404, "Book not found");
    case Found::no_such_image:
      return reply_detail(response, 404, "Image not found");
    case Found::image:
      return reply_json(response, 200, listing_entry(context.catalog, lookup.image));
  }
}

// The real route looks the image up by (id, book) only, so a missing book is
// "Image not found" here too.
void update_image(DevserverContext& context, const httplib::Request& request,
                  httplib::Response& response) {
  const auto book_id = path_id(request, 1);
  const auto image_id = path_id(request, 2);
  const auto edit = image_edit_from(request);
  if (const auto* problem = std::get_if<ValidationProblem>(&edit)) return reply_problem(response, *problem);

  const ImageLookup lookup = (book_id && image_id)
                                 ? context.catalog.update_image(*book_id, *image_id, std::get<ImageEdit>(edit))
                                 : ImageLookup{};
  if (lookup.found != Found::image) return reply_detail(response, 404, "Image not found");
  reply_json(response, 200, listing_entry(context.catalog, lookup.image));
}

void delete_image(DevserverContext& context, const httplib::Request& request,
                  httplib::Response& response) {
  const auto book_id = path_id(request, 1);
  const auto image_id = path_id(request, 2);
  const Found found = (book_id && image_id) ? context.catalog.delete_image(*book_id, *image_id)
                                            : Found::no_such_image;
  if (found != Found::image) return reply_detail(response, 404, "Image not found");
  response.status = 204;
}

}  // namespace

void add_image_edit_routes(ApiRoutes& routes, DevserverContext& context) {
  routes.put(R"(/api/v1/books/(\d+)/images/reorder)", keyed(context, reorder_images));
  routes.get(R"(/api/v1/books/(\d+)/images/primary)", keyed(context, get_primary_image));
  routes.put(R"(/api/v1/books/(\d+)/images/(\d+))", keyed(context, update_image));
  routes.remove(R"(/api/v1/books/(\d+)/images/(\d+))", keyed(context, delete_image));
}

}  // namespace bmx::devserver
