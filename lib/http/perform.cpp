// Single blocking requests with redirects (one hop at a time) and retries.
#include "http/perform.hpp"

#include <thread>

#include <fmt/format.h>

#include "http/transfer.hpp"

namespace bmx::http {
namespace {

Result<HttpResponse> perform_once(const HttpRequest& request) {
    auto transfer = Transfer::create(request);
    if (!transfer) return transfer.take_error();
    CURLcode code = curl_easy_perform((*transfer)->easy());
    return (*transfer)->finish(code);
}

Result<HttpResponse> perform_following_redirects(HttpRequest request, int max_redirects) {
    for (int hop = 0;; ++hop) {
        auto response = perform_once(request);
        if (!response) return response;
        auto next = redirected_request(request, *response);
        if (!next) return response;
        if (hop >= max_redirects)
            return make_error(Stage::transport, fmt::format("more than {} redirects, last to {}", max_redirects, response->redirect_url));
        request = std::move(*next);
    }
}

}  // namespace

std::optional<HttpRequest> redirected_request(const HttpRequest& request, const HttpResponse& response) {
    long status = response.status;
    bool is_redirect = status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    if (!is_redirect || response.redirect_url.empty()) return std::nullopt;
    HttpRequest next = request;
    next.url = response.redirect_url;
    bool becomes_get = status == 303 || ((status == 301 || status == 302) && request.method == Method::post);
    if (becomes_get && request.method != Method::head) {
        next.method = Method::get;
        next.body.clear();
        next.content_type.clear();
        next.form.clear();
    }
    return next;
}

Result<PerformResult> perform(const HttpRequest& request, const PerformOptions& options) {
    std::mt19937 random{std::random_device{}()};
    for (int attempt = 1;; ++attempt) {
        auto response = perform_following_redirects(request, options.max_redirects);
        auto decision = decide_retry(options.retry, request.method, attempt, response, random);
        if (!decision.retry) {
            if (!response) return response.take_error();
            return PerformResult{std::move(response.value()), attempt};
        }
        if (options.on_retry) options.on_retry(attempt + 1, decision.reason, decision.delay);
        std::this_thread::sleep_for(decision.delay);
    }
}

}  // namespace bmx::http
