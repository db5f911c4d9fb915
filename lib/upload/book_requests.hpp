// The batch's own requests to the book, its image list and its reorder: built as every request
// to the API is, driven with the batch's retry policy, their answers read for a person.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/cancel_token.hpp"
#include "core/result.hpp"
#include "env/api_context.hpp"
#include "http/request_driver.hpp"
#include "http/transfer_loop.hpp"
#include "upload/batch_events.hpp"
#include "upload/book_order.hpp"
#include "upload/upload_answer.hpp"
#include "upload/upload_options.hpp"

namespace bmx::upload {

// The book's images and what reading them warned about (entries left out, wrong types).
struct BookImages {
    std::vector<ListedImage> images;
    std::vector<std::string> warnings;
};

// How long a reorder may take, and how often it is tried: the batch's policy, or after Ctrl-C
// one attempt bounded by a short timeout.
struct ReorderBudget {
    long timeout_ms = 0;  // 0: the batch's own --timeout
    bool retries = true;
};

class BookRequests {
public:
    BookRequests(const UploadOptions& options, const env::ApiContext& context, const PipelineEvents& events,
                 OutcomeContext outcome_context);

    // GET /books/{id}/images; `doing` begins the error message ("reading book 5's images before the upload").
    void read_images(http::TransferLoop& loop, CancelToken cancel, std::string doing,
                     std::function<void(Result<BookImages>)> done) const;
    // PUT /books/{id}/images/reorder with `order`, confirmed by its answer (placement.hpp).
    void reorder(http::TransferLoop& loop, CancelToken cancel, const std::vector<long long>& order, ReorderBudget budget,
                 std::function<void(Status)> done) const;

private:
    http::PerformOptions drive_options(CancelToken cancel) const;
    // Ok with the response below 400; else the error a person reads (a 401 with the key hint).
    Result<http::HttpResponse> answered_ok(Result<http::HttpResponse> outcome) const;

    const UploadOptions& options_;
    const env::ApiContext& context_;
    const PipelineEvents& events_;
    OutcomeContext outcome_context_;
};

}  // namespace bmx::upload
