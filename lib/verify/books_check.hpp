// The books check: GET /books?per_page=1 with the key must answer 200.
#pragma once

#include "http/http_types.hpp"
#include "verify/check_result.hpp"

namespace bmx::verify {

// The path the check requests.
inline constexpr const char* books_check_path = "/books?per_page=1";

Verdict judge_books(const http::HttpResponse& response);

}  // namespace bmx::verify
