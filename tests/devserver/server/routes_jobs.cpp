// The keyed background-job routes: analysis jobs per book and entity-profile batches, with 202, 409 and 404 as the real API answers.
#include "routes.hpp"

#include "api_guard.hpp"
#include "job_board.hpp"
#include "json_reply.hpp"
#include "request_params.hpp"

#include <memory>

namespace bmx::devserver {

namespace {

// AnalysisJobCreate: an optional body whose "model" defaults to sonnet.
std::optional<std::string> requested_model(const httplib::Request& request) {
  if (request.body.empty()) return std::string("sonnet");
  const auto body = nlohmann::json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded() || !body.is_object()) return std::nullopt;
  const auto model = body.find("model");
  if (model == body.end() || model->is_null()) return std::string("sonnet");
  if (!model->is_string()) return std::nullopt;
  return model->get<std::string>();
}

void reply_invalid_body(httplib::Response& response) {
  reply_json(response, 422,
             {{"detail", {{{"loc", {"body"}}, {"msg", "Input should be a valid dictionary or object"},
                           {"type", "model_attributes_type"}}}}});
}

void start_analysis(DevserverContext& context, JobBoard& jobs, const httplib::Request& request,
                    httplib::Response& response) {
  const auto book_id = path_id(request);
  if (!book_id || !context.catalog.book(*book_id)) return reply_detail(response, 404, "Book not found");
  const auto model = requested_model(request);
  if (!model) return reply_invalid_body(response);
  const auto job = jobs.start_analysis(*book_id, *model);
  if (!job) return reply_detail(response, 409, "Analysis job already in progress");
  reply_json(response, 202, *job);
}

void analysis_status(DevserverContext& context, JobBoard& jobs, const httplib::Request& request,
                     httplib::Response& response) {
  const auto book_id = path_id(request);
  if (!book_id || !context.catalog.book(*book_id)) return reply_detail(response, 404, "Book not found");
  const auto job = jobs.latest_analysis(*book_id);
  if (!job) return reply_detail(response, 404, "No analysis job found for this book");
  reply_json(response, 200, *job);
}

void profile_batch_status(JobBoard& jobs, const httplib::Request& request, httplib::Response& response) {
  const std::string job_id = request.matches.size() > 1 ? request.matches[1].str() : "";
  const auto job = jobs.profile_batch(job_id);
  if (!job) return reply_detail(response, 404, "Job " + job_id + " not found");
  reply_json(response, 200, *job);
}

}  // namespace

void add_job_routes(ApiRoutes& routes, DevserverContext& context) {
  // Shared by the handlers, which live as long as the server.
  auto jobs = std::make_shared<JobBoard>(job_timeline(context.options));
  routes.post(R"(/api/v1/books/(\d+)/analysis/generate-async)",
              guarded(context, [&context, jobs](const httplib::Request& request, httplib::Response& response) {
                start_analysis(context, *jobs, request, response);
              }));
  routes.get(R"(/api/v1/books/(\d+)/analysis/status)",
             guarded(context, [&context, jobs](const httplib::Request& request, httplib::Response& response) {
               analysis_status(context, *jobs, request, response);
             }));
  // The real route answers FastAPI's default 200, with the running batch when there is one.
  routes.post("/api/v1/entity/profiles/generate-all",
              guarded(context, [jobs](const httplib::Request&, httplib::Response& response) {
                reply_json(response, 200, jobs->start_profile_batch());
              }));
  routes.get(R"(/api/v1/entity/profiles/generate-all/status/([^/]+))",
             guarded(context, [jobs](const httplib::Request& request, httplib::Response& response) {
               profile_batch_status(*jobs, request, response);
             }));
}

}  // namespace bmx::devserver
