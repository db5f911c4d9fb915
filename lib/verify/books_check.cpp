// Judges the keyed /books answer: 200 passes and says how many books there are.
#include "verify/books_check.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "api/http_error.hpp"
#include "core/json_parse.hpp"

namespace bmx::verify {

Verdict judge_books(const http::HttpResponse& response) {
    if (response.status != 200)
        return {CheckStatus::failed, fmt::format("expected HTTP 200, got {}", api::http_error(response).message)};
    auto document = parse_json_within_depth(response.body);
    if (document.is_object() && document.contains("total") && document["total"].is_number_integer())
        return {CheckStatus::passed, fmt::format("HTTP 200, {} books", document["total"].get<long long>())};
    return {CheckStatus::passed, "HTTP 200"};
}

}  // namespace bmx::verify
