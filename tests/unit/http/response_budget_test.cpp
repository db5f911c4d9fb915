// The message for an answer over its response budget names what the server declared truly.
#include <doctest/doctest.h>

#include "http/response_budget.hpp"

namespace response_budget_test {

using bmx::http::BudgetPassed;
using bmx::http::HttpResponse;
using bmx::http::response_over_budget;

constexpr std::size_t sixteen_mib = 16 * 1024 * 1024;

TEST_CASE("a plain answer's Content-Length is what it declares") {
    HttpResponse partial;
    partial.headers = {{"Content-Length", "104857600"}};
    auto error = response_over_budget(sixteen_mib, partial, BudgetPassed::declared);
    CHECK(error.stage == bmx::Stage::answer);
    CHECK(error.message ==
          "the answer (it declares 104857600 bytes) is over the 16 MiB response budget; nothing of it is printed. "
          "--max-response-mib raises the budget");
}

TEST_CASE("an encoded answer that inflates past the budget names its compressed size and the decoded budget") {
    HttpResponse partial;
    partial.headers = {{"Content-Length", "2087291"}, {"Content-Encoding", " gzip "}};
    auto error = response_over_budget(sixteen_mib, partial, BudgetPassed::decoded);
    CHECK(error.message ==
          "the answer, sent gzip-encoded in 2087291 bytes (its Content-Length, the compressed size), decoded past the "
          "16 MiB response budget; nothing of it is printed. --max-response-mib raises the budget");
    CHECK(error.message.find("declares 2087291") == std::string::npos);
}

TEST_CASE("an encoded answer declared over the budget is over it before decoding") {
    HttpResponse partial;
    partial.headers = {{"content-encoding", "zstd"}, {"content-length", "20000000"}};
    auto error = response_over_budget(sixteen_mib, partial, BudgetPassed::declared);
    CHECK(error.message.rfind("the answer's Content-Length declares 20000000 zstd-encoded bytes, over the 16 MiB "
                              "response budget before decoding",
                              0) == 0);
}

TEST_CASE("a chunked answer declares nothing, and identity is no encoding") {
    HttpResponse chunked;
    chunked.headers = {{"Transfer-Encoding", "chunked"}, {"Content-Encoding", "br"}};
    CHECK(response_over_budget(1000, chunked, BudgetPassed::decoded).message.rfind(
              "the answer, sent br-encoded, decoded past the 1000 byte response budget;", 0) == 0);
    HttpResponse identity;
    identity.headers = {{"Content-Encoding", "identity"}};
    CHECK(response_over_budget(sixteen_mib, identity, BudgetPassed::decoded).message.rfind(
              "the answer is over the 16 MiB response budget;", 0) == 0);
}

}  // namespace response_budget_test
