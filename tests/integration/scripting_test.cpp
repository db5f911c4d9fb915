// Scripting a request without extra tools: --jq, --paginate, --retry and --timing against bmx-devserver.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <set>
#include <thread>

#include <httplib.h>

#include "harness.hpp"

using namespace bmx::testing;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

// An httplib server on a free loopback port, in this process, for answers bmx-devserver cannot
// script; stopped when this goes out of scope.
class InProcessServer {
public:
    explicit InProcessServer(std::function<void(const httplib::Request&, httplib::Response&)> books) {
        server_.Get("/api/v1/books", std::move(books));
        server_.Get("/ready", [](const httplib::Request&, httplib::Response& response) { response.status = 204; });
        port_ = server_.bind_to_any_port("127.0.0.1");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        // stop() only stops a server whose accept loop runs; an answer says it does.
        httplib::Client probe("127.0.0.1", port_);
        probe.set_read_timeout(20);
        auto ready = probe.Get("/ready");
        REQUIRE_MESSAGE(ready, "the in-process server did not answer");
    }
    ~InProcessServer() {
        server_.stop();
        thread_.join();
    }
    InProcessServer(const InProcessServer&) = delete;
    InProcessServer& operator=(const InProcessServer&) = delete;

    RunOptions against() const {
        RunOptions options;
        options.env["BMX_API_KEY"] = test_key;
        options.env["BMX_BASE_URL"] = "http://127.0.0.1:" + std::to_string(port_) + "/api/v1";
        return options;
    }

private:
    httplib::Server server_;
    std::thread thread_;
    int port_ = 0;
};

int page_of(const httplib::Request& request) {
    return request.get_param_value("page").empty() ? 1 : std::stoi(request.get_param_value("page"));
}

void answer_page(int page, int per_page, int total, httplib::Response& response) {
    json items = json::array();
    for (int id = (page - 1) * per_page + 1; id <= page * per_page && id <= total; ++id) items.push_back({{"id", id}});
    int pages = (total + per_page - 1) / per_page;
    response.status = 200;
    response.set_content(json{{"items", items}, {"total", total}, {"page", page}, {"per_page", per_page}, {"pages", pages}}.dump(),
                         "application/json");
}

// A paginated /api/v1/books of 30 items, 10 a page, whose page 2 answers 503 the first
// `page_two_failures` times and whose page 3 answers 500 when `page_three_broken`: the page
// failures bmx-devserver (which fails the first requests, so page 1) cannot script.
class FlakyPages {
public:
    FlakyPages(int page_two_failures, bool page_three_broken)
        : page_two_failures_(page_two_failures),
          page_three_broken_(page_three_broken),
          server_([this](const httplib::Request& request, httplib::Response& response) { answer(request, response); }) {}
    RunOptions against() const { return server_.against(); }
    std::vector<std::pair<int, int>> seen() const {  // (page, status), in order
        std::lock_guard lock(mutex_);
        return seen_;
    }

private:
    void answer(const httplib::Request& request, httplib::Response& response) {
        int page = page_of(request);
        std::lock_guard lock(mutex_);
        if (page == 2 && page_two_failures_ > 0) {
            --page_two_failures_;
            response.status = 503;
            response.set_header("Retry-After", "0");
            response.set_content(R"({"detail":"try again"})", "application/json");
        } else if (page == 3 && page_three_broken_) {
            response.status = 500;
            response.set_content(R"({"detail":"page three is broken"})", "application/json");
        } else {
            answer_page(page, 10, 30, response);
        }
        seen_.emplace_back(page, response.status);
    }

    mutable std::mutex mutex_;
    int page_two_failures_;
    bool page_three_broken_;
    std::vector<std::pair<int, int>> seen_;
    InProcessServer server_;  // last: destroyed (its handler threads joined) before what they use
};

// 100 books, 20 a page, whose pages 2 to 5 each wait to answer until all four have arrived
// (or 20 s have passed): fetched one after another, page 2 would wait alone.
class GatheringPages {
public:
    GatheringPages()
        : server_([this](const httplib::Request& request, httplib::Response& response) { answer(request, response); }) {}
    RunOptions against() const { return server_.against(); }
    int most_waiting_together() const {
        std::lock_guard lock(mutex_);
        return most_waiting_;
    }

private:
    void answer(const httplib::Request& request, httplib::Response& response) {
        int page = page_of(request);
        if (page > 1) {
            std::unique_lock lock(mutex_);
            ++waiting_;
            most_waiting_ = std::max(most_waiting_, waiting_);
            gathered_.notify_all();
            gathered_.wait_for(lock, std::chrono::seconds(20), [this] { return most_waiting_ == 4; });
            --waiting_;
        }
        answer_page(page, 20, 100, response);
    }

    mutable std::mutex mutex_;
    std::condition_variable gathered_;
    int waiting_ = 0;
    int most_waiting_ = 0;
    InProcessServer server_;
};

}  // namespace

TEST_CASE("--jq prints strings raw, one result per line, like gh api --jq") {
    DevServer server;
    auto titles = run_bmx({"GET", "/books?per_page=5", "--jq", ".items[].title"}, with_key(server));
    CHECK(titles.exit_code == 0);
    auto lines = lines_of(titles.out);
    REQUIRE(lines.size() == 5);
    for (const std::string& line : lines) {
        CHECK_FALSE(line.empty());
        CHECK(line.front() != '"');
    }
    auto total = run_bmx({"--jq", ".total", "GET", "/books"}, with_key(server));
    CHECK(total.out == "57\n");
    auto object = run_bmx({"GET", "/books/2", "--jq", "{id, year}"}, with_key(server));
    auto book = json::parse(run_bmx({"GET", "/books/2"}, with_key(server)).out);
    CHECK(object.out == json{{"id", 2}, {"year", book["year"]}}.dump() + "\n");  // compact, one line
}

TEST_CASE("a bad --jq expression exits 2 naming the problem, and nothing is sent") {
    DevServer server;
    auto result = run_bmx({"GET", "/books", "--jq", ".items[] | select(.id =="}, with_key(server));
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "invalid jq expression"));
    CHECK(contains(result.err, "syntax error"));
    CHECK(result.out.empty());
    CHECK(server.requests().empty());
}

TEST_CASE("a --jq error at run time exits 6 with the answer on stdout, and an HTTP error body is printed unfiltered with exit 1") {
    DevServer server;
    auto runtime = run_bmx({"GET", "/books", "--jq", ".items.title"}, with_key(server));
    CHECK(runtime.exit_code == 6);
    CHECK(contains(runtime.err, "Cannot index array with string \"title\""));
    CHECK(json::parse(runtime.out)["total"] == 57);  // the answer as received, not lost

    // A POST that created a book: the answer (with the new id) still reaches stdout, and the exit
    // code is not 2, which would say nothing was sent.
    auto created = run_bmx({"POST", "/books", R"({"title":"Cranford"})", "--jq", ".title.nope"}, with_key(server));
    CHECK(created.exit_code == 6);
    CHECK(contains(created.err, "bmx-api: error: "));
    auto book = json::parse(created.out);
    CHECK(book["title"] == "Cranford");
    auto held = run_bmx({"GET", "/books/" + std::to_string(book["id"].get<long>())}, with_key(server));
    CHECK(json::parse(held.out)["title"] == "Cranford");

    auto missing = run_bmx({"GET", "/books/9999", "--jq", ".title"}, with_key(server));
    CHECK(missing.exit_code == 1);
    CHECK(json::parse(missing.out)["detail"] == "Book not found");
    CHECK(contains(missing.err, "HTTP 404"));
}

TEST_CASE("--paginate fetches 57 books over 3 pages and prints them merged, in order") {
    DevServer server;
    auto result = run_bmx({"GET", "/books?per_page=20", "--paginate"}, with_key(server));
    CHECK(result.exit_code == 0);
    auto merged = json::parse(result.out);
    CHECK(merged["total"] == 57);
    REQUIRE(merged["items"].size() == 57);
    for (int i = 0; i < 57; ++i) CHECK(merged["items"][i]["id"] == i + 1);
    CHECK(merged.size() == 2);  // {items, total}

    auto received = server.requests_to("/api/v1/books");
    REQUIRE(received.size() == 3);
    std::set<std::string> queries;
    for (const json& request : received) {
        queries.insert(request["query"]);
        CHECK(request["headers"]["x-api-key"] == test_key);
        CHECK(request["status"] == 200);
    }
    CHECK(received[0]["query"] == "per_page=20&page=1");  // page 1 first: it says how many pages there are
    CHECK(queries == std::set<std::string>{"per_page=20&page=1", "per_page=20&page=2", "per_page=20&page=3"});
    CHECK_FALSE(contains_key(result.out + result.err));
}

TEST_CASE("--paginate fetches the remaining pages concurrently") {
    // Pages 2-5 answer only once all four are in flight at the same time.
    GatheringPages server;
    auto result = run_bmx({"GET", "/books?per_page=20", "--paginate", "--jq", ".items | length"}, server.against());
    CHECK(result.exit_code == 0);
    CHECK(result.out == "100\n");
    CHECK(server.most_waiting_together() == 4);
}

TEST_CASE("--paginate with --jq filters the merged document, and without per_page it asks for 100 a page") {
    DevServer server;
    auto result = run_bmx({"GET", "/books", "--paginate", "--jq", "[.items[].id] | length, .[-1]"}, with_key(server));
    CHECK(result.exit_code == 0);
    CHECK(result.out == "57\n57\n");
    auto received = server.requests_to("/api/v1/books");
    REQUIRE(received.size() == 1);
    CHECK(received[0]["query"] == "per_page=100&page=1");
}

TEST_CASE("--paginate on an endpoint that is not paginated prints its body and exits 6, and with POST exits 2 before") {
    DevServer server;
    auto version = run_bmx({"GET", "/health/version", "--paginate"}, with_key(server));
    CHECK(version.exit_code == 6);
    CHECK(server.requests_to("/api/v1/health/version").size() == 1);
    CHECK(contains(version.err, "--paginate: expected a paginated answer"));
    REQUIRE_FALSE(version.out.empty());
    CHECK(json::parse(version.out) == server.get_json("/api/v1/health/version"));
    auto post = run_bmx({"POST", "/books", R"({"title":"Emma"})", "--paginate"}, with_key(server));
    CHECK(post.exit_code == 2);
    CHECK(contains(post.err, "--paginate works with GET only"));
    CHECK(server.requests_to("/api/v1/books").empty());
}

TEST_CASE("--paginate retries a failing page with --retry and still merges in order") {
    FlakyPages server(1, false);
    auto result = run_bmx({"GET", "/books", "--paginate", "--retry", "2", "--retry-delay", "0.1", "--jq", "[.items[].id] == [range(1;31)]"},
                          server.against());
    CHECK(result.exit_code == 0);
    CHECK(result.out == "true\n");
    CHECK(contains(result.err, "page 2: retrying (attempt 2 of 3) after HTTP 503"));
    auto seen = server.seen();
    CHECK(std::count(seen.begin(), seen.end(), std::pair{2, 503}) == 1);
    CHECK(std::count(seen.begin(), seen.end(), std::pair{2, 200}) == 1);
}

TEST_CASE("--paginate stops with exit 1 and the server's words when a page keeps failing") {
    FlakyPages server(0, true);
    auto result = run_bmx({"GET", "/books", "--paginate"}, server.against());
    CHECK(result.exit_code == 1);
    CHECK(contains(result.err, "HTTP 500"));
    CHECK(contains(result.err, "page three is broken"));
    CHECK_FALSE(contains(result.out, "\"items\":[{\"id\":1}"));
}

TEST_CASE("--retry retries 503, 503 and succeeds on 200: the server saw three requests") {
    DevServer server({"--fail-requests", "2"});
    auto result = run_bmx({"GET", "/books", "--retry", "2", "--retry-delay", "0.1", "--jq", ".total"}, with_key(server));
    CHECK(result.exit_code == 0);
    CHECK(result.out == "57\n");
    CHECK(contains(result.err, "bmx-api: retrying (attempt 2 of 3) after HTTP 503 in "));
    CHECK(contains(result.err, "bmx-api: retrying (attempt 3 of 3) after HTTP 503 in "));
    auto received = server.requests_to("/api/v1/books");
    REQUIRE(received.size() == 3);
    CHECK(received[0]["status"] == 503);
    CHECK(received[1]["status"] == 503);
    CHECK(received[2]["status"] == 200);
}

TEST_CASE("without --retry a 503 is final, and too few retries end with the last answer") {
    DevServer server({"--fail-requests", "3"});
    auto once = run_bmx({"GET", "/books"}, with_key(server));
    CHECK(once.exit_code == 1);
    CHECK(server.requests_to("/api/v1/books").size() == 1);
    auto short_of = run_bmx({"GET", "/books", "--retry", "1", "--retry-delay", "0.05"}, with_key(server));
    CHECK(short_of.exit_code == 1);
    CHECK(contains(short_of.err, "HTTP 503"));
    CHECK(server.requests_to("/api/v1/books").size() == 3);
}

TEST_CASE("--retry honours Retry-After") {
    DevServer server({"--fail-requests", "1", "--retry-after", "1"});
    auto start = Clock::now();
    auto result = run_bmx({"GET", "/books/1", "--retry", "1", "--retry-delay", "0.01"}, with_key(server));
    auto took = Clock::now() - start;
    CHECK(result.exit_code == 0);
    CHECK(contains(result.err, "after HTTP 503 in 1.0 s"));
    CHECK(took >= std::chrono::milliseconds(950));
}

TEST_CASE("POST is retried only with --retry-all" * doctest::test_suite("tsan")) {
    DevServer server({"--fail-requests", "1"});
    auto once = run_bmx({"POST", "/books", R"({"title":"Emma"})", "--retry", "2", "--retry-delay", "0.05"}, with_key(server));
    CHECK(once.exit_code == 1);
    CHECK(server.requests_to("/api/v1/books").size() == 1);
    DevServer again({"--fail-requests", "1"});
    auto retried = run_bmx({"POST", "/books", R"({"title":"Emma"})", "--retry", "2", "--retry-delay", "0.05", "--retry-all"},
                           with_key(again));
    CHECK(retried.exit_code == 0);
    CHECK(json::parse(retried.out)["title"] == "Emma");
    CHECK(again.requests_to("/api/v1/books").size() == 2);
}

TEST_CASE("--timing prints DNS, connect, TLS, first byte and total times on stderr") {
    DevServer server;
    auto result = run_bmx({"--timing", "GET", "/books/1"}, with_key(server));
    CHECK(result.exit_code == 0);
    CHECK(json::parse(result.out)["id"] == 1);
    CHECK(contains(result.err, "timing: dns "));
    for (const char* phase : {", connect ", ", tls ", ", first byte ", ", total "}) CHECK(contains(result.err, phase));
    CHECK(contains(result.err, " ms\n"));
}

TEST_CASE("--jq refuses import and include with exit 2 before sending, and inputs, debug and stderr run") {
    DevServer server;
    auto refused = run_bmx({"GET", "/books/1", "--jq", R"(import "a" as a; .title)"}, with_key(server));
    CHECK(refused.exit_code == 2);
    CHECK(refused.err.find("'import' is not supported; bmx-api loads no jq modules") != std::string::npos);
    CHECK(server.requests().empty());

    auto ran = run_bmx({"GET", "/books/1", "--jq", "[inputs] as $rest | .id | debug | stderr | [., $rest]"}, with_key(server));
    CHECK(ran.exit_code == 0);
    CHECK(ran.out == "[1,[]]\n");
    CHECK(ran.err.find(R"(["DEBUG:",1])") != std::string::npos);
    CHECK(server.requests().size() == 1);
}
