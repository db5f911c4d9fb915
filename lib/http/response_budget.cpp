#include "http/response_budget.hpp"

#include <string>

#include <fmt/format.h>

#include "core/text.hpp"

namespace bmx::http {
namespace {

std::string budget_text(std::size_t budget_bytes) {
    constexpr std::size_t mib = 1024 * 1024;
    return budget_bytes % mib == 0 ? fmt::format("{} MiB", budget_bytes / mib) : fmt::format("{} byte", budget_bytes);
}

// The Content-Encoding that libcurl decodes ("gzip", "br", "zstd", a list), or empty for none.
std::string content_encoding(const HttpResponse& partial) {
    auto encoding = partial.header("Content-Encoding");
    if (!encoding) return "";
    std::string trimmed(trim(*encoding));
    return iequals(trimmed, "identity") ? "" : trimmed;
}

}  // namespace

Error response_over_budget(std::size_t budget_bytes, const HttpResponse& partial, BudgetPassed how,
                           std::string_view advice_text) {
    const std::string budget = budget_text(budget_bytes);
    const std::string encoding = content_encoding(partial);
    const auto length = partial.header("Content-Length");
    const std::string advice = advice_text.empty() ? std::string{} : fmt::format("; {}", advice_text);
    if (encoding.empty()) {
        std::string declared = length ? fmt::format(" (it declares {} bytes)", *length) : "";
        return make_error(Stage::answer, fmt::format("the answer{} is over the {} response budget{}", declared, budget, advice));
    }
    if (how == BudgetPassed::declared)
        return make_error(Stage::answer, fmt::format("the answer's Content-Length declares {} {}-encoded bytes, over the {} "
                                                     "response budget before decoding{}",
                                                     length.value_or("?"), encoding, budget, advice));
    std::string sent = length ? fmt::format(" in {} bytes (its Content-Length, the compressed size)", *length) : "";
    return make_error(Stage::answer, fmt::format("the answer, sent {}-encoded{}, decoded past the {} response budget{}",
                                                 encoding, sent, budget, advice));
}

}  // namespace bmx::http
