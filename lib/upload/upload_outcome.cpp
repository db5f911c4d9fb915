// Decides done, retry or failed for one upload attempt, with reasons a person can act on.
#include "upload/upload_outcome.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "api/http_error.hpp"
#include "core/json_fields.hpp"
#include "core/json_parse.hpp"

namespace bmx::upload {
Error final_http_error(const http::HttpResponse& response, const FileStatus& sent, const OutcomeContext& context) {
    if (auto elsewhere = api::unauthorized_off_origin(response, context.api_origin)) return *elsewhere;
    Error error = api::http_error(response);
    switch (response.status) {
        case 401: error.message += "; " + context.key_hint; break;
        case 413:
            error.message += "; " + too_large_answer_hint(static_cast<std::size_t>(sent.request_bytes),
                                                          static_cast<std::size_t>(sent.bytes), context.limit);
            break;
        default: break;
    }
    return error;
}

namespace {

void record_success(FileStatus& status, const http::HttpResponse& response) {
    nlohmann::json answer = parse_json_within_depth(response.body);
    if (answer.is_discarded() || !answer.is_object()) {
        status.warnings.push_back(fmt::format("the server answered HTTP {} but its body was not a JSON object", response.status));
        answer = nlohmann::json::object();
    }
    // Every field is optional to this reader: Pydantic sends null for unset optional fields, and
    // a wrong-typed one is a warning on this file, never a crash.
    FieldReader fields{answer, "the upload answer", &status.warnings};
    status.image_id = fields.integer("id");
    if (!status.image_id)
        status.warnings.push_back("the upload answer has no image id, so this file's place in the book's order cannot be checked");
    status.is_primary = fields.boolean("is_primary");
    status.state = fields.boolean("duplicate").value_or(false) ? UploadState::duplicate : UploadState::uploaded;
    // The server's thumbnail step failing is an outcome too, never a silent one.
    if (fields.string("thumbnail_status") == "failed") {
        std::string why = fields.string("thumbnail_error").value_or("no reason given");
        status.warnings.push_back("the server could not make its thumbnail: " + why);
    }
    status.server = std::move(answer);
}

}  // namespace

AttemptOutcome decide_attempt(FileStatus& status, Result<http::HttpResponse> result, const OutcomeContext& context,
                              std::mt19937& random) {
    AttemptOutcome outcome;
    auto decision = http::decide_retry(context.retry, http::Method::post, status.attempts, result, random);
    if (result) status.http_status = result->status;
    if (decision.retry) {
        outcome.verdict = Verdict::retry;
        outcome.retry_delay = decision.delay;
        outcome.retry_reason = decision.reason;
        return outcome;
    }
    if (!result) {
        Error error = result.take_error();
        if (status.attempts > 1) error.message += fmt::format(" (gave up after {} attempts)", status.attempts);
        status.error = std::move(error);
        status.state = status.error->stage == Stage::cancelled ? UploadState::cancelled : UploadState::failed;
        return outcome;
    }
    const http::HttpResponse& response = result.value();
    if (response.status >= 200 && response.status < 300) {
        status.error.reset();
        record_success(status, response);
        outcome.verdict = Verdict::done;
        return outcome;
    }
    status.error = final_http_error(response, status, context);
    if (status.attempts > 1) status.error->message += fmt::format(" (gave up after {} attempts)", status.attempts);
    status.state = UploadState::failed;
    return outcome;
}

}  // namespace bmx::upload
