// Turns RequestOptions into an HttpRequest, checking everything that can be checked locally.
#pragma once

#include <array>
#include <string_view>

#include "core/result.hpp"
#include "env/api_key.hpp"
#include "env/environment.hpp"
#include "http/http_types.hpp"
#include "http/transport_options.hpp"
#include "request/request_options.hpp"

namespace bmx::request {

// Largest JSON or text body: book records and analyses are kilobytes, so anything past this
// is almost surely the wrong file.
inline constexpr std::size_t max_body_bytes = 4 * 1024 * 1024;

// The methods a request may use, in the order messages and completions list them.
inline constexpr std::array<http::Method, 6> known_methods{http::Method::get,   http::Method::post, http::Method::put,
                                                           http::Method::patch, http::Method::del,  http::Method::head};

// One of known_methods by name, in any case; anything else is a usage error.
Result<http::Method> parse_method(std::string_view text);

// "Name: value" with a token name; a header that carries the key is refused (it would bypass
// the rule that the key goes only to the API origin), and so are Content-Length,
// Transfer-Encoding (the body's framing is bmx-api's) and Host (the base URL names the host).
Status check_header(std::string_view line);

// Converts a timeout in seconds to milliseconds, refusing zero, negative and absurd values.
Result<long> timeout_ms(double seconds);

// The request as it will be sent. Errors have stage "usage", "json" or "read"; nothing is sent.
Result<http::HttpRequest> build_request(const RequestOptions& options, const env::Environment& environment,
                                        const env::KeyLookup& key);

// The fields every request to the API shares: URL, key, origin, and the transport's headers and timeout.
Result<http::HttpRequest> base_request(http::Method method, const std::string& path, const env::Environment& environment,
                                       const env::KeyLookup& key, const http::TransportOptions& transport);

}  // namespace bmx::request
