// The request driver against an in-process server on loopback: redirects hop by hop, retries,
// and a cancel that cuts a backoff short.
#include <doctest/doctest.h>

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "http/request_driver.hpp"
#include "http/transfer_loop.hpp"

namespace request_driver_test {

using bmx::CancelToken;
using bmx::Stage;
using bmx::http::Driven;
using bmx::http::FormPart;
using bmx::http::HttpRequest;
using bmx::http::Method;
using bmx::http::PerformOptions;
using bmx::http::TransferLoop;

// cpp-httplib on 127.0.0.1, a port of the kernel's choosing, listening on its own thread; every
// request it saw, as "METHOD /path", in arrival order.
class LoopbackServer {
public:
    explicit LoopbackServer(const std::function<void(httplib::Server&)>& routes) {
        routes(server_);
        // Before routing, so a request is in the list before its answer goes out.
        server_.set_pre_routing_handler([this](const httplib::Request& request, httplib::Response&) {
            std::lock_guard lock(mutex_);
            seen_.push_back(request.method + " " + request.path);
            return httplib::Server::HandlerResponse::Unhandled;
        });
        server_.Get("/ready", [](const httplib::Request&, httplib::Response& response) { response.status = 204; });
        port_ = server_.bind_to_any_port("127.0.0.1");
        REQUIRE(port_ > 0);
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        // stop() only stops a server whose accept loop runs (else the join would hang); an answer says it does.
        httplib::Client probe("127.0.0.1", port_);
        probe.set_read_timeout(20);
        auto ready = probe.Get("/ready");
        REQUIRE_MESSAGE(ready, "the in-process server did not answer");
        std::lock_guard lock(mutex_);
        seen_.clear();
    }
    ~LoopbackServer() {
        server_.stop();
        thread_.join();
    }
    LoopbackServer(const LoopbackServer&) = delete;
    LoopbackServer& operator=(const LoopbackServer&) = delete;

    std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }
    std::vector<std::string> seen() const {
        std::lock_guard lock(mutex_);
        return seen_;
    }

private:
    httplib::Server server_;
    int port_ = 0;
    std::thread thread_;
    mutable std::mutex mutex_;
    std::vector<std::string> seen_;
};

HttpRequest get_request(const std::string& url) {
    HttpRequest request;
    request.url = url;
    request.timeout_ms = 5000;
    return request;
}

HttpRequest upload_request(const std::string& url) {
    HttpRequest request = get_request(url);
    request.method = Method::post;
    FormPart file;
    file.name = "file";
    file.filename = "a.jpg";
    file.content_type = "image/jpeg";
    file.data = "not really a jpeg";
    request.form.push_back(file);
    return request;
}

// drive() on a loop of the test's own, run until the request has ended.
Driven drive_to_end(const HttpRequest& request, const PerformOptions& options) {
    TransferLoop loop(2);
    std::optional<Driven> ended;
    bmx::http::drive(loop, request, options, [&ended](Driven driven) { ended = std::move(driven); });
    loop.run([] { return false; }, {});
    REQUIRE(ended.has_value());
    return std::move(*ended);
}

void redirect(httplib::Response& response, int status, const std::string& to) {
    response.status = status;
    response.set_header("Location", to);
}

TEST_CASE("drive follows a 302 on a GET to the answer at its end") {
    LoopbackServer server([](httplib::Server& s) {
        s.Get("/start", [](const httplib::Request&, httplib::Response& r) { redirect(r, 302, "/end"); });
        s.Get("/end", [](const httplib::Request&, httplib::Response& r) { r.set_content("arrived", "text/plain"); });
    });
    Driven driven = drive_to_end(get_request(server.url("/start")), PerformOptions{});
    REQUIRE(driven.outcome.ok());
    CHECK(driven.outcome->status == 200);
    CHECK(driven.outcome->body == "arrived");
    CHECK(driven.attempts == 1);
    CHECK(driven.requests == 2);
    CHECK(server.seen() == std::vector<std::string>{"GET /start", "GET /end"});
}

TEST_CASE("an upload answered with a 303 or a 302 is not turned into a GET: stage http, not followed") {
    LoopbackServer server([](httplib::Server& s) {
        s.Post("/see-other", [](const httplib::Request&, httplib::Response& r) { redirect(r, 303, "/landing"); });
        s.Post("/found", [](const httplib::Request&, httplib::Response& r) { redirect(r, 302, "/landing"); });
        s.Get("/landing", [](const httplib::Request&, httplib::Response& r) { r.set_content("[]", "application/json"); });
    });
    for (const char* path : {"/see-other", "/found"}) {
        CAPTURE(path);
        Driven driven = drive_to_end(upload_request(server.url(path)), PerformOptions{});
        REQUIRE_FALSE(driven.outcome.ok());
        CHECK(driven.outcome.error().stage == Stage::http);
        CHECK(driven.outcome.error().message.find("not followed") != std::string::npos);
        CHECK(driven.requests == 1);
    }
    CHECK(server.seen() == std::vector<std::string>{"POST /see-other", "POST /found"});
}

TEST_CASE("an upload answered with a 307 is sent again, file and all, to the new place") {
    std::atomic<int> files_received{0};
    LoopbackServer server([&files_received](httplib::Server& s) {
        s.Post("/books/1/images/", [](const httplib::Request&, httplib::Response& r) { redirect(r, 307, "/books/1/images"); });
        s.Post("/books/1/images", [&files_received](const httplib::Request& q, httplib::Response& r) {
            if (q.has_file("file") && q.get_file_value("file").content == "not really a jpeg") ++files_received;
            r.status = 201;
            r.set_content(R"({"id": 1})", "application/json");
        });
    });
    Driven driven = drive_to_end(upload_request(server.url("/books/1/images/")), PerformOptions{});
    REQUIRE(driven.outcome.ok());
    CHECK(driven.outcome->status == 201);
    CHECK(files_received.load() == 1);
    CHECK(server.seen() == std::vector<std::string>{"POST /books/1/images/", "POST /books/1/images"});
}

TEST_CASE("drive stops after max_redirects hops with stage answer") {
    LoopbackServer server([](httplib::Server& s) {
        s.Get(R"(/hop/(\d+))", [](const httplib::Request& q, httplib::Response& r) {
            redirect(r, 302, "/hop/" + std::to_string(std::stoi(q.matches[1]) + 1));
        });
    });
    PerformOptions options;
    options.max_redirects = 3;
    Driven driven = drive_to_end(get_request(server.url("/hop/0")), options);
    REQUIRE_FALSE(driven.outcome.ok());
    CHECK(driven.outcome.error().stage == Stage::answer);
    CHECK(driven.outcome.error().message.find("more than 3 redirects") != std::string::npos);
    CHECK(server.seen() == std::vector<std::string>{"GET /hop/0", "GET /hop/1", "GET /hop/2", "GET /hop/3"});
}

TEST_CASE("a 503 with Retry-After: 0 is retried, and every attempt is counted") {
    std::atomic<int> calls{0};
    LoopbackServer server([&calls](httplib::Server& s) {
        s.Get("/busy", [&calls](const httplib::Request&, httplib::Response& r) {
            if (++calls <= 2) {
                r.status = 503;
                r.set_header("Retry-After", "0");
                return;
            }
            r.set_content("ok", "text/plain");
        });
    });
    PerformOptions options;
    options.retry.max_retries = 3;
    std::vector<int> retries_announced;
    options.on_retry = [&retries_announced](int attempt, const std::string& reason, std::chrono::milliseconds delay) {
        CHECK(reason == "HTTP 503");
        CHECK(delay.count() == 0);
        retries_announced.push_back(attempt);
    };
    int launched = 0;
    options.on_attempt = [&launched] { ++launched; };
    Driven driven = drive_to_end(get_request(server.url("/busy")), options);
    REQUIRE(driven.outcome.ok());
    CHECK(driven.outcome->status == 200);
    CHECK(driven.attempts == 3);
    CHECK(driven.requests == 3);
    CHECK(launched == 3);
    CHECK(retries_announced == std::vector<int>{2, 3});
    CHECK(calls.load() == 3);
}

TEST_CASE("a 503 that goes on past max_retries ends with the last 503 after 1 + max_retries attempts") {
    std::atomic<int> calls{0};
    LoopbackServer server([&calls](httplib::Server& s) {
        s.Get("/down", [&calls](const httplib::Request&, httplib::Response& r) {
            ++calls;
            r.status = 503;
            r.set_header("Retry-After", "0");
        });
    });
    PerformOptions options;
    options.retry.max_retries = 2;
    Driven driven = drive_to_end(get_request(server.url("/down")), options);
    REQUIRE(driven.outcome.ok());
    CHECK(driven.outcome->status == 503);
    CHECK(driven.attempts == 3);
    CHECK(calls.load() == 3);
}

TEST_CASE("a POST answered 503 is not retried without retry_non_idempotent, and is with it") {
    std::atomic<int> calls{0};
    LoopbackServer server([&calls](httplib::Server& s) {
        s.Post("/jobs", [&calls](const httplib::Request&, httplib::Response& r) {
            ++calls;
            r.status = 503;
            r.set_header("Retry-After", "0");
        });
    });
    HttpRequest post = get_request(server.url("/jobs"));
    post.method = Method::post;
    post.body = R"({"model": "opus"})";
    post.content_type = "application/json";
    PerformOptions options;
    options.retry.max_retries = 2;
    Driven once = drive_to_end(post, options);
    REQUIRE(once.outcome.ok());
    CHECK(once.outcome->status == 503);
    CHECK(once.attempts == 1);
    CHECK(calls.load() == 1);

    options.retry.retry_non_idempotent = true;
    Driven again = drive_to_end(post, options);
    CHECK(again.attempts == 3);
    CHECK(calls.load() == 4);
}

TEST_CASE("a cancel during a retry's backoff ends the request at once with stage cancelled, and nothing more is sent") {
    std::atomic<int> calls{0};
    LoopbackServer server([&calls](httplib::Server& s) {
        s.Get("/busy", [&calls](const httplib::Request&, httplib::Response& r) {
            ++calls;
            r.status = 503;  // no Retry-After: the policy's own backoff, at least 15 s here
        });
    });
    std::atomic<bool> stop{false};
    PerformOptions options;
    options.retry.max_retries = 3;
    options.retry.base_delay = std::chrono::seconds(30);
    options.retry.max_delay = std::chrono::seconds(60);
    options.cancel = CancelToken(stop);
    std::chrono::milliseconds announced{0};
    options.on_retry = [&stop, &announced](int, const std::string&, std::chrono::milliseconds delay) {
        announced = delay;
        stop.store(true);
    };
    auto started = std::chrono::steady_clock::now();
    Driven driven = drive_to_end(get_request(server.url("/busy")), options);
    auto took = std::chrono::steady_clock::now() - started;
    CHECK(announced >= std::chrono::seconds(15));
    CHECK(took < std::chrono::seconds(1));
    REQUIRE_FALSE(driven.outcome.ok());
    CHECK(driven.outcome.error().stage == Stage::cancelled);
    CHECK(driven.attempts == 1);
    CHECK(calls.load() == 1);
    CHECK(server.seen() == std::vector<std::string>{"GET /busy"});
}

TEST_CASE("a request whose token is cancelled before it starts is never sent") {
    std::atomic<int> calls{0};
    LoopbackServer server([&calls](httplib::Server& s) {
        s.Get("/any", [&calls](const httplib::Request&, httplib::Response& r) {
            ++calls;
            r.set_content("ok", "text/plain");
        });
    });
    std::atomic<bool> stop{true};
    PerformOptions options;
    options.cancel = CancelToken(stop);
    Driven driven = drive_to_end(get_request(server.url("/any")), options);
    REQUIRE_FALSE(driven.outcome.ok());
    CHECK(driven.outcome.error().stage == Stage::cancelled);
    CHECK(driven.requests == 0);
    CHECK(calls.load() == 0);
}

TEST_CASE("perform returns the final response and the attempts it took") {
    std::atomic<int> calls{0};
    LoopbackServer server([&calls](httplib::Server& s) {
        s.Get("/flaky", [&calls](const httplib::Request&, httplib::Response& r) {
            if (++calls == 1) {
                r.status = 503;
                r.set_header("Retry-After", "0");
                return;
            }
            r.set_content(R"({"status": "healthy"})", "application/json");
        });
    });
    PerformOptions options;
    options.retry.max_retries = 2;
    auto performed = bmx::http::perform(get_request(server.url("/flaky")), options);
    REQUIRE(performed.ok());
    CHECK(performed->response.status == 200);
    CHECK(performed->response.body == R"({"status": "healthy"})");
    CHECK(performed->attempts == 2);
}

TEST_CASE("perform of a 404 returns the 404 as a response, not an error") {
    LoopbackServer server([](httplib::Server& s) {
        s.Get("/missing", [](const httplib::Request&, httplib::Response& r) {
            r.status = 404;
            r.set_content(R"({"detail": "Not Found"})", "application/json");
        });
    });
    auto performed = bmx::http::perform(get_request(server.url("/missing")), PerformOptions{});
    REQUIRE(performed.ok());
    CHECK(performed->response.status == 404);
    CHECK(performed->attempts == 1);
}

}  // namespace request_driver_test
