// Builds and performs the checks' requests through request::base_request and http::perform.
#include "verify/verify_client.hpp"

#include "http/url.hpp"
#include "request/build_request.hpp"

namespace bmx::verify {

Result<http::HttpRequest> VerifyClient::request_for(http::Method method, const std::string& path, KeyUse key_use) const {
    env::KeyLookup no_key;
    const env::KeyLookup& key = key_use == KeyUse::with_key ? context_.key : no_key;
    return request::base_request(method, path, context_.environment, key, options_.transport);
}

Result<http::PerformResult> VerifyClient::get(const std::string& path, KeyUse key_use) const {
    auto request = request_for(http::Method::get, path, key_use);
    if (!request) return request.take_error();
    return http::perform(*request, perform_options_);
}

Result<http::PerformResult> VerifyClient::poll_version(std::chrono::milliseconds request_timeout) const {
    auto request = request_for(http::Method::get, "/health/version", KeyUse::without_key);
    if (!request) return request.take_error();
    request->timeout_ms = static_cast<long>(request_timeout.count());
    http::PerformOptions once = perform_options_;
    once.retry.max_retries = 0;
    return http::perform(*request, once);
}

Result<http::PerformResult> VerifyClient::head(const std::string& url) const {
    auto request = request_for(http::Method::head, "/", KeyUse::with_key);
    if (!request) return request.take_error();
    request->url = url;
    auto target = http::origin_of(url);
    if (!target) return target.take_error();
    if (target->to_string() != request->api_origin) request->headers.clear();
    return http::perform(*request, perform_options_);
}

}  // namespace bmx::verify
