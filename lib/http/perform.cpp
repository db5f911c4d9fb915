// Single blocking requests with redirects (one hop at a time) and retries.
#include "http/perform.hpp"

#include <thread>

#include <fmt/format.h>

#include "http/transfer.hpp"

namespace bmx::http {
namespace {

// libcurl's progress callback, called at least once a second while a transfer runs: non-zero aborts it.
int abort_when_cancelled(void* cancel, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    return static_cast<const std::atomic<bool>*>(cancel)->load() ? 1 : 0;
}

Result<HttpResponse> perform_once(const HttpRequest& request, const std::atomic<bool>* cancel) {
    auto transfer = Transfer::create(request);
    if (!transfer) return transfer.take_error();
    CURL* easy = (*transfer)->easy();
    if (cancel != nullptr) {
        bool set = curl_easy_setopt(easy, CURLOPT_XFERINFOFUNCTION, &abort_when_cancelled) == CURLE_OK &&
                   curl_easy_setopt(easy, CURLOPT_XFERINFODATA, const_cast<std::atomic<bool>*>(cancel)) == CURLE_OK &&
                   curl_easy_setopt(easy, CURLOPT_NOPROGRESS, 0L) == CURLE_OK;
        if (!set) return make_error(bmx::Stage::transport, "libcurl refused the progress callback that lets Ctrl-C stop a request");
    }
    CURLcode code = curl_easy_perform(easy);
    return (*transfer)->finish(code);
}

Result<HttpResponse> perform_following_redirects(HttpRequest request, int max_redirects, const std::atomic<bool>* cancel) {
    for (int hop = 0;; ++hop) {
        auto response = perform_once(request, cancel);
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
    next.follows_redirect = true;
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
        auto response = perform_following_redirects(request, options.max_redirects, options.cancel);
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
