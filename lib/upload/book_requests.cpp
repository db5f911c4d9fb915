// Builds, drives and reads the batch's image-list and reorder requests.
#include "upload/book_requests.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "api/book_routes.hpp"
#include "api/http_error.hpp"
#include "http/request_driver.hpp"
#include "request/build_request.hpp"
#include "upload/placement.hpp"

namespace bmx::upload {

BookRequests::BookRequests(const UploadOptions& options, const env::ApiContext& context, const PipelineEvents& events,
                           OutcomeContext outcome_context)
    : options_(options), context_(context), events_(events), outcome_context_(std::move(outcome_context)) {}

http::PerformOptions BookRequests::drive_options(CancelToken cancel) const {
    http::PerformOptions drive_options;
    drive_options.retry = options_.transport.retry;
    drive_options.cancel = cancel;
    if (events_.on_answer)
        drive_options.on_answer = [this](const http::HttpResponse& response) { events_.on_answer("", response); };
    if (events_.on_retry)
        drive_options.on_retry = [this](int attempt, const std::string& reason, std::chrono::milliseconds delay) {
            events_.on_retry("", attempt, reason, delay);
        };
    return drive_options;
}

Result<http::HttpResponse> BookRequests::answered_ok(Result<http::HttpResponse> outcome) const {
    if (!outcome) return outcome;
    if (outcome->status == 401) return final_http_error(*outcome, FileStatus{}, outcome_context_);
    if (outcome->status >= 400) return api::http_error(*outcome);
    return outcome;
}

void BookRequests::read_images(http::TransferLoop& loop, CancelToken cancel, std::string doing,
                               std::function<void(Result<BookImages>)> done) const {
    auto request = request::base_request(http::Method::get, api::book_images_path(*options_.book_id), context_.environment,
                                         context_.key, options_.transport);
    if (!request) return done(request.take_error());
    request->capture_request_head = options_.capture_request_head;
    http::drive(loop, std::move(*request), drive_options(cancel), [this, doing, done](http::Driven driven) {
        auto answered = answered_ok(std::move(driven.outcome));
        if (!answered) {
            Error error = answered.take_error();
            error.message = fmt::format("{}: {}", doing, error.message);
            return done(error);
        }
        BookImages book;
        auto listing = parse_image_listing(answered->body, book.warnings);
        if (!listing) return done(Error{Stage::answer, fmt::format("{}: {}", doing, listing.error().message), answered->status});
        book.images = std::move(*listing);
        done(std::move(book));
    });
}

void BookRequests::reorder(http::TransferLoop& loop, CancelToken cancel, const std::vector<long long>& order,
                           ReorderBudget budget, std::function<void(Status)> done) const {
    auto request = request::base_request(http::Method::put, api::book_reorder_path(*options_.book_id), context_.environment,
                                         context_.key, options_.transport);
    if (!request) return done(Error{Stage::reorder, request.error().message});
    request->capture_request_head = options_.capture_request_head;
    request->body = nlohmann::json(order).dump();
    request->content_type = "application/json";
    if (budget.timeout_ms > 0) request->timeout_ms = budget.timeout_ms;
    http::PerformOptions drive = drive_options(cancel);
    if (!budget.retries) drive.retry.max_retries = 0;
    http::drive(loop, std::move(*request), std::move(drive), [this, order, done](http::Driven driven) {
        auto answered = answered_ok(std::move(driven.outcome));
        if (!answered) return done(Error{Stage::reorder, "the server refused the reorder: " + answered.error().message,
                                         answered.error().http_status});
        done(confirm_reorder(answered->body, order));
    });
}

}  // namespace bmx::upload
