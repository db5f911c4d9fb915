// Every page of a paginated GET: page 1 decides how many pages there are; the rest run concurrently on one TransferLoop.
#include "api/paginate.hpp"

#include <optional>

#include <fmt/format.h>

#include "core/json_budget.hpp"
#include "core/json_parse.hpp"
#include "http/request_driver.hpp"
#include "http/transfer_loop.hpp"

namespace bmx::api {
namespace {

using http::HttpRequest;
using http::HttpResponse;
using http::Method;
using http::PerformOptions;
using http::PerformResult;
using http::TransferLoop;
using nlohmann::json;

std::string query_name(std::string_view parameter) { return std::string(parameter.substr(0, parameter.find('='))); }

Result<long> page_field(const json& page, const char* name) {
    auto field = page.find(name);
    if (field == page.end() || !field->is_number_integer())
        return make_error(Stage::answer, fmt::format("expected a paginated answer ({{items, total, page, per_page, pages}}), "
                                               "but '{}' is missing or not an integer",
                                               name));
    return field->get<long>();
}

Error pages_too_large(std::size_t budget) {
    return make_error(Stage::answer, fmt::format("the pages' bodies are over the {} MiB --paginate budget; nothing is printed. "
                                                 "--max-pages-mib raises it, or ask for fewer items with a query",
                                                 budget / (1024 * 1024)));
}

// One page's fetch: its request and how it ended.
struct PageFetch {
    long page = 0;
    HttpRequest request;
    std::optional<Result<HttpResponse>> outcome;
};

// The other pages on one loop, each driven (redirects, retries) by http::drive; the first page
// that fails, or the budget running out, stops the rest.
class PageFetcher {
public:
    PageFetcher(const PaginateOptions& options, std::vector<PageFetch>& fetches)
        : options_(options), fetches_(fetches), loop_(options.max_in_flight) {}

    // Runs every fetch to its end; returns the index of the fetch that stopped the rest, if any.
    std::optional<std::size_t> run() {
        for (std::size_t index = 0; index < fetches_.size(); ++index) start(index);
        loop_.run([] { return false; }, {});
        return failed_at_;
    }

    int requests() const { return requests_; }
    // Set when the pages' bodies went over options.max_total_bytes; the rest were stopped.
    const std::optional<Error>& over_budget() const { return over_budget_; }
    void count_first_page(std::size_t bytes) { received_bytes_ = bytes; }

private:
    void start(std::size_t index) {
        http::PerformOptions drive_options;
        drive_options.retry = options_.retry;
        drive_options.max_redirects = options_.max_redirects;
        const long page = fetches_[index].page;
        if (options_.on_retry)
            drive_options.on_retry = [this, page](int attempt, const std::string& reason, std::chrono::milliseconds delay) {
                options_.on_retry(page, attempt, reason, delay);
            };
        http::drive(loop_, fetches_[index].request, std::move(drive_options),
                    [this, index](http::Driven driven) { on_done(index, std::move(driven)); });
    }

    void on_done(std::size_t index, http::Driven driven) {
        PageFetch& fetch = fetches_[index];
        requests_ += driven.requests;
        fetch.outcome = std::move(driven.outcome);
        if (failed_at_) return;  // cancelled because another page failed
        const Result<HttpResponse>& outcome = *fetch.outcome;
        if (outcome && outcome->status < 300) received_bytes_ += outcome->body.size();
        if (received_bytes_ > options_.max_total_bytes) {
            over_budget_ = pages_too_large(options_.max_total_bytes);
            return stop_at(index, "the pages are over the --paginate budget");
        }
        // A failed page decides the result; stop the pages still in flight or waiting.
        if (!outcome || outcome->status >= 400) stop_at(index, "another page failed");
    }

    void stop_at(std::size_t index, const char* reason) {
        failed_at_ = index;
        loop_.abort_all(reason);
    }

    const PaginateOptions& options_;
    std::vector<PageFetch>& fetches_;
    TransferLoop loop_;
    std::optional<std::size_t> failed_at_;
    std::optional<Error> over_budget_;
    std::size_t received_bytes_ = 0;
    int requests_ = 0;
};

Result<json> parse_page(const HttpResponse& response, long page) {
    if (auto over = json_document_over_budget(response.body, fmt::format("for page {} of --paginate", page)))
        return make_error(Stage::answer, *over);
    json document = parse_json_within_depth(response.body);
    if (document.is_discarded())
        return make_error(Stage::answer, fmt::format("page {} is not JSON; is this a paginated endpoint?", page));
    if (auto info = read_page_info(document); !info) return info.take_error();
    return document;
}

}  // namespace

std::string page_url(const std::string& url, long page, int per_page_when_absent) {
    std::string_view rest(url);
    auto hash = rest.find('#');
    rest = rest.substr(0, hash);
    auto question = rest.find('?');
    std::string target(rest.substr(0, question));
    std::string_view query = question == std::string_view::npos ? std::string_view() : rest.substr(question + 1);

    std::vector<std::string> parameters;
    bool has_per_page = false;
    while (!query.empty()) {
        auto amp = query.find('&');
        std::string_view parameter = query.substr(0, amp);
        query.remove_prefix(amp == std::string_view::npos ? query.size() : amp + 1);
        if (parameter.empty()) continue;
        std::string name = query_name(parameter);
        if (name == "page") continue;
        if (name == "per_page") has_per_page = true;
        parameters.emplace_back(parameter);
    }
    if (!has_per_page) parameters.push_back(fmt::format("per_page={}", per_page_when_absent));
    parameters.push_back(fmt::format("page={}", page));
    return fmt::format("{}?{}", target, fmt::join(parameters, "&"));
}

Result<PageInfo> read_page_info(const json& page) {
    if (!page.is_object())
        return make_error(Stage::answer, "expected a paginated answer ({items, total, page, per_page, pages}), "
                                   "but the answer is not a JSON object");
    auto items = page.find("items");
    if (items == page.end() || !items->is_array())
        return make_error(Stage::answer, "expected a paginated answer ({items, total, page, per_page, pages}), "
                                   "but 'items' is missing or not an array");
    PageInfo info;
    for (auto [name, field] : {std::pair{"total", &info.total}, std::pair{"page", &info.page},
                               std::pair{"per_page", &info.per_page}, std::pair{"pages", &info.pages}}) {
        auto value = page_field(page, name);
        if (!value) return value.take_error();
        *field = *value;
    }
    return info;
}

json merge_pages(const std::vector<json>& pages) {
    json items = json::array();
    for (const json& page : pages)
        for (const json& item : page.at("items")) items.push_back(item);
    json total = pages.empty() ? json(0) : pages.front().value("total", json(items.size()));
    return json{{"items", std::move(items)}, {"total", std::move(total)}};
}

namespace {

std::vector<PageFetch> remaining_pages(const HttpRequest& request, long pages, const PaginateOptions& options) {
    std::vector<PageFetch> fetches;
    for (long page = 2; page <= pages; ++page) {
        PageFetch fetch;
        fetch.page = page;
        fetch.request = request;
        fetch.request.url = page_url(request.url, page, options.per_page_when_absent);
        fetches.push_back(std::move(fetch));
    }
    return fetches;
}

// Page 1 with the blocking perform (retries and redirects included): it says how many pages follow.
Result<PerformResult> fetch_first_page(const HttpRequest& request, const PaginateOptions& options) {
    HttpRequest first = request;
    first.url = page_url(request.url, 1, options.per_page_when_absent);
    PerformOptions first_options;
    first_options.retry = options.retry;
    first_options.max_redirects = options.max_redirects;
    if (options.on_retry)
        first_options.on_retry = [&](int attempt, const std::string& reason, std::chrono::milliseconds delay) {
            options.on_retry(1, attempt, reason, delay);
        };
    return http::perform(first, first_options);
}

// Adds the other pages' answers to the result in page order and merges them; with a failed
// page, adds only that answer and leaves `merged` null.
Result<PaginateResult> collect(PaginateResult result, json first_document, std::vector<PageFetch>& fetches,
                               std::optional<std::size_t> failed_at) {
    std::vector<json> documents{std::move(first_document)};
    for (std::size_t index = 0; index < fetches.size(); ++index) {
        PageFetch& fetch = fetches[index];
        if (failed_at && index != *failed_at) continue;  // cancelled because of that page
        if (!fetch.outcome) return make_error(Stage::transport, fmt::format("page {} never finished", fetch.page));
        if (!*fetch.outcome) return fetch.outcome->take_error();
        result.responses.push_back(std::move(fetch.outcome->value()));
        if (failed_at) return result;
        auto document = parse_page(result.responses.back(), fetch.page);
        if (!document) return document.take_error();
        documents.push_back(std::move(*document));
    }
    result.merged = merge_pages(documents);
    return result;
}

}  // namespace

Result<PaginateResult> paginate(const HttpRequest& request, const PaginateOptions& options) {
    if (request.method != Method::get) return make_error(Stage::usage, "only a GET can be paginated");
    auto first_page = fetch_first_page(request, options);
    if (!first_page) return first_page.take_error();
    PaginateResult result;
    result.requests = first_page->attempts;
    result.responses.push_back(std::move(first_page->response));
    if (result.responses.back().status >= 400) return result;

    if (result.responses.back().body.size() > options.max_total_bytes) return pages_too_large(options.max_total_bytes);
    auto first_document = parse_page(result.responses.back(), 1);
    if (!first_document) {
        result.not_a_page = first_document.take_error();
        return result;
    }
    long pages = first_document->at("pages").get<long>();
    if (pages > max_pages)
        return make_error(Stage::answer, fmt::format("the server reports {} pages; the limit is {} "
                                               "(give a larger per_page)",
                                               pages, max_pages));

    std::vector<PageFetch> fetches = remaining_pages(request, pages, options);
    PageFetcher fetcher(options, fetches);
    fetcher.count_first_page(result.responses.back().body.size());
    auto failed_at = fetcher.run();
    result.requests += fetcher.requests();
    if (fetcher.over_budget()) return *fetcher.over_budget();
    return collect(std::move(result), std::move(*first_document), fetches, failed_at);
}

}  // namespace bmx::api
