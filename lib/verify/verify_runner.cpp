// Runs the checks in order (version, environment, deep, books, image), timing each one.
#include "verify/verify_runner.hpp"

#include <chrono>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/json_parse.hpp"
#include "api/book_routes.hpp"
#include "http/url.hpp"
#include "verify/books_check.hpp"
#include "verify/deep_check.hpp"
#include "verify/environment_check.hpp"
#include "verify/image_check.hpp"
#include "verify/verify_client.hpp"
#include "verify/version_check.hpp"

namespace bmx::verify {
namespace {

using Clock = std::chrono::steady_clock;

// What the checks share as they run: the client, and answers a later check can reuse.
struct RunState {
    const VerifyOptions& options;
    const env::ApiContext& context;
    VerifyClient client;
    std::optional<VersionAnswer> version_answer;
    std::optional<CheckResult> books_result;
};

CheckResult from_verdict(const char* name, Verdict verdict, int attempts, std::optional<http::Timing> timing = {}) {
    CheckResult result;
    result.name = name;
    result.status = verdict.status;
    result.detail = std::move(verdict.detail);
    result.attempts = attempts;
    result.timing = timing;
    return result;
}

CheckResult transport_failure(const char* name, const std::string& what, const Error& error) {
    return from_verdict(name, {CheckStatus::failed, fmt::format("{} failed: {}", what, error.message)}, 1);
}

CheckResult run_version(RunState& state) {
    auto fetch = [&state](std::chrono::milliseconds request_timeout) { return state.client.poll_version(request_timeout); };
    poll::SteadyClock clock;
    poll::InterruptibleSleeper sleeper;
    auto version_poll = poll_version(fetch, state.options.expected_version, state.options.timeout,
                                     state.options.interval, clock, sleeper);
    state.version_answer = version_poll.last_answer;
    return version_poll.result;
}

CheckResult run_environment(RunState& state) {
    const std::string& expected = state.options.expected_environment;
    if (state.version_answer) return from_verdict("environment", judge_environment(*state.version_answer, expected), 0);
    auto fetched = state.client.get("/health/version", KeyUse::without_key);
    if (!fetched) return transport_failure("environment", "GET /health/version", fetched.error());
    auto answer = read_version_answer(fetched->response);
    if (!answer)
        return from_verdict("environment",
                            {CheckStatus::failed, fmt::format("expected environment {}, but /health/version answered {}",
                                                              expected, answer.error().message)},
                            fetched->attempts, fetched->response.timing);
    return from_verdict("environment", judge_environment(*answer, expected), fetched->attempts, fetched->response.timing);
}

CheckResult run_deep(RunState& state) {
    auto fetched = state.client.get("/health/deep", KeyUse::without_key);
    if (!fetched) return transport_failure("deep", "GET /health/deep", fetched.error());
    return from_verdict("deep", judge_deep(fetched->response), fetched->attempts, fetched->response.timing);
}

CheckResult run_books(RunState& state) {
    if (!state.client.has_key())
        return from_verdict("books", {CheckStatus::failed, fmt::format("no API key to send: looked in {}",
                                                                        state.context.key.tried)},
                            0);
    auto fetched = state.client.get(books_check_path, KeyUse::with_key);
    if (!fetched) return transport_failure("books", fmt::format("GET {}", books_check_path), fetched.error());
    Verdict verdict = judge_books(fetched->response);
    if (fetched->response.status == 401) verdict.detail += fmt::format(" ({})", env::describe_key_for_401(state.context));
    return from_verdict("books", std::move(verdict), fetched->attempts, fetched->response.timing);
}

// Where the search for a book with a primary image got to: the image's URL as the API gave it,
// or the check's result when the search itself ended it (an error, or no such book).
struct ImageSearch {
    std::optional<std::string> reference;
    std::optional<CheckResult> ended;
    int attempts = 0;
    std::optional<http::Timing> timing;
};

long items_on(const nlohmann::json& page) {
    bool has_items = page.is_object() && page.contains("items") && page["items"].is_array();
    return has_items ? static_cast<long>(page["items"].size()) : 0;
}

bool is_last_page(const nlohmann::json& page, int number) {
    bool has_pages = page.is_object() && page.contains("pages") && page["pages"].is_number_integer();
    return !has_pages || page["pages"].get<long>() <= number;
}

ImageSearch find_primary_image(RunState& state) {
    ImageSearch search;
    long searched = 0;
    for (int page = 1; page <= image_search_max_pages; ++page) {
        std::string path = api::books_page_path(image_search_per_page, page);
        auto fetched = state.client.get(path, KeyUse::with_key);
        if (!fetched) {
            search.ended = transport_failure("image", "GET " + path, fetched.error());
            return search;
        }
        search.attempts += fetched->attempts;
        search.timing = fetched->response.timing;
        if (fetched->response.status >= 400) {
            Verdict listing = judge_books(fetched->response);
            search.ended = from_verdict("image", {CheckStatus::failed, fmt::format("listing books: {}", listing.detail)},
                                        search.attempts, search.timing);
            return search;
        }
        auto document = parse_json_within_depth(fetched->response.body);
        search.reference = first_primary_image_url(document);
        if (search.reference) return search;
        searched += items_on(document);
        if (is_last_page(document, page)) {
            search.ended = from_verdict(
                "image", {CheckStatus::skipped, fmt::format("none of the {} books has a primary image", searched)},
                search.attempts, search.timing);
            return search;
        }
    }
    search.ended = from_verdict(
        "image", {CheckStatus::skipped, fmt::format("none of the first {} books has a primary image", searched)},
        search.attempts, search.timing);
    return search;
}

CheckResult run_image(RunState& state) {
    if (state.books_result && !state.books_result->ok())
        return from_verdict("image", {CheckStatus::skipped, "the books check failed, so no book could be read"}, 0);
    if (!state.client.has_key())
        return from_verdict("image", {CheckStatus::failed, fmt::format("no API key to list books with: looked in {}",
                                                                        state.context.key.tried)},
                            0);
    ImageSearch search = find_primary_image(state);
    if (search.ended) return *search.ended;
    // A relative URL is served from the API's own origin (staging does this), so it is checked there.
    auto url = http::resolve_reference(state.context.environment.base_url, *search.reference);
    if (!url)
        return from_verdict("image", {CheckStatus::failed, fmt::format("primary_image_url '{}' is not a usable URL: {}",
                                                                        *search.reference, url.error().message)},
                            search.attempts, search.timing);
    auto head = state.client.head(*url);
    if (!head) return transport_failure("image", "HEAD " + *url, head.error());
    return from_verdict("image", judge_image_head(*url, head->response), search.attempts + head->attempts,
                        head->response.timing);
}

CheckResult run_check(const std::string& name, RunState& state) {
    if (name == "version") return run_version(state);
    if (name == "environment") return run_environment(state);
    if (name == "deep") return run_deep(state);
    if (name == "books") {
        state.books_result = run_books(state);
        return *state.books_result;
    }
    return run_image(state);
}

}  // namespace

VerifyReport run_verify(const VerifyOptions& options, const env::ApiContext& context, const VerifyHooks& hooks) {
    auto start = Clock::now();
    http::PerformOptions perform_options;
    perform_options.retry = options.transport.retry;
    perform_options.on_retry = hooks.on_retry;
    RunState state{options, context, VerifyClient(context, options, perform_options), {}, {}};

    VerifyReport report;
    report.environment = context.environment.name;
    report.base_url = context.environment.base_url;
    report.expected_version = options.expected_version;
    for (const std::string& name : options.checks) {
        auto check_start = Clock::now();
        CheckResult result = run_check(name, state);
        result.name = name;
        result.elapsed_ms = std::chrono::duration<double, std::milli>(Clock::now() - check_start).count();
        if (hooks.on_check_done) hooks.on_check_done(result);
        report.checks.push_back(std::move(result));
    }
    report.elapsed_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    return report;
}

}  // namespace bmx::verify
