// The API's pagination: its envelope {items, total, page, per_page, pages}, and fetching every page
// of a GET (page 1, then the rest concurrently over one multi handle, merged in order).
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "http/http_types.hpp"
#include "http/retry_policy.hpp"

namespace bmx::api {

// The API's largest page: fewer requests when the user did not choose a page size.
inline constexpr int default_per_page = 100;
// A bound on what a server's "pages" can make us fetch (100,000 books at the largest page size).
inline constexpr long max_pages = 1000;

// The URL with page=N, dropping any page the user gave; a per_page the user gave is kept,
// otherwise per_page=default_per_page is added. "/books?sort=title" -> "/books?sort=title&per_page=100&page=2".
std::string page_url(const std::string& url, long page, int per_page_when_absent);

// The pagination fields of one page: {items: [...], total, page, per_page, pages}.
struct PageInfo {
    long total = 0;
    long page = 0;
    long per_page = 0;
    long pages = 0;
};

// Reads the fields --paginate relies on; an answer without them is a usage error (stage "usage")
// that names what is missing, since the endpoint is not a paginated one.
Result<PageInfo> read_page_info(const nlohmann::json& page);

// {items: every page's items, in page order, total: the first page's total}.
nlohmann::json merge_pages(const std::vector<nlohmann::json>& pages);

// 256 MiB: the merged document is built in memory (a few times its text's size as a DOM).
inline constexpr std::size_t default_max_total_bytes = std::size_t{256} * 1024 * 1024;

struct PaginateOptions {
    http::RetryPolicy retry;
    std::size_t max_in_flight = 8;
    int per_page_when_absent = default_per_page;
    int max_redirects = 10;
    // The most body bytes all pages together may hold (each page is also capped by its request's
    // max_response_bytes); more is stage "answer" and the pages still in flight are stopped.
    std::size_t max_total_bytes = default_max_total_bytes;
    // Called before a page is tried again, with the page, the attempt about to start and why.
    std::function<void(long page, int attempt, const std::string& reason, std::chrono::milliseconds delay)> on_retry;
};

struct PaginateResult {
    // Every page's answer, in page order. When a page answered >= 400 (after retries), the
    // rest are cancelled, this holds page 1 and that answer, last, and `merged` is null: the
    // caller reports that answer.
    std::vector<http::HttpResponse> responses;
    nlohmann::json merged;
    int requests = 0;  // requests made, retries and redirects included
    // The first answer was a success but not a page (no {items, total, page, per_page, pages}):
    // why, stage "answer". `responses` then holds that answer alone, for its body to be shown.
    std::optional<Error> not_a_page;

    bool complete() const { return !merged.is_null(); }
};

// Fetches every page of a GET. Transport failures come back as errors with their stage.
Result<PaginateResult> paginate(const http::HttpRequest& request, const PaginateOptions& options);

}  // namespace bmx::api
