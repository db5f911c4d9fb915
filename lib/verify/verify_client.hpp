// VerifyClient: the requests the checks make, built the same way as every other request to the API.
#pragma once

#include <chrono>
#include <string>

#include "core/result.hpp"
#include "env/api_context.hpp"
#include "http/request_driver.hpp"
#include "verify/verify_options.hpp"

namespace bmx::verify {

// Health routes are public, so they go without the key; /books needs it.
enum class KeyUse { without_key, with_key };

class VerifyClient {
public:
    VerifyClient(const env::ApiContext& context, const VerifyOptions& options, http::PerformOptions perform_options)
        : context_(context), options_(options), perform_options_(std::move(perform_options)) {}

    // GET a path under the API's base URL, with the retry policy.
    Result<http::PerformResult> get(const std::string& path, KeyUse key_use) const;

    // One GET /health/version attempt with its own timeout; the poll is its own retry loop.
    Result<http::PerformResult> poll_version(std::chrono::milliseconds request_timeout) const;

    // HEAD an absolute URL. The key is offered but Transfer
    // attaches it only on the API's origin, so an image host (a CDN) never receives it; -H headers
    // likewise go only to the API's origin.
    Result<http::PerformResult> head(const std::string& url) const;

    bool has_key() const { return context_.key.key.has_value(); }

private:
    Result<http::HttpRequest> request_for(http::Method method, const std::string& path, KeyUse key_use) const;

    const env::ApiContext& context_;
    const VerifyOptions& options_;
    http::PerformOptions perform_options_;
};

}  // namespace bmx::verify
