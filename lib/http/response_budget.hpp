// The message for an answer over its response budget (--max-response-mib): what the server
// declared, whether that was the size before decoding, and the budget it went past.
#pragma once

#include <cstddef>
#include <string_view>

#include "core/error.hpp"
#include "http/http_types.hpp"

namespace bmx::http {

// How the budget was found to be exceeded.
enum class BudgetPassed {
    declared,  // the Content-Length alone is over it; nothing was read
    decoded,   // the bytes read (after any Content-Encoding was decoded) went past it
};

// Stage "answer". An encoded answer's Content-Length is its size before decoding, so the
// message names it as the compressed size and says the decoded bytes passed the budget.
// `advice` ends the message ("--max-file-mib raises it").
Error response_over_budget(std::size_t budget_bytes, const HttpResponse& partial, BudgetPassed how,
                           std::string_view advice = default_budget_advice);

}  // namespace bmx::http
