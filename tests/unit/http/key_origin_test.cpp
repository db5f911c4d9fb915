// The key stays on the API's origin, scheme included: the hop after an https API redirects to
// http on the same host and port carries no X-API-Key (an in-process plain-http server on loopback).
#include <doctest/doctest.h>

#include <httplib.h>

#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "http/request_driver.hpp"

namespace key_origin_test {

// cpp-httplib on 127.0.0.1 answering GET /books/1, keeping the X-API-Key of the last request.
class KeyWitness {
public:
    KeyWitness() {
        server_.Get("/books/1", [this](const httplib::Request& request, httplib::Response& response) {
            std::lock_guard lock(mutex_);
            seen_ = request.has_header("X-API-Key") ? std::optional(request.get_header_value("X-API-Key")) : std::nullopt;
            answered_ = true;
            response.set_content("{}", "application/json");
        });
        port_ = server_.bind_to_any_port("127.0.0.1");
        REQUIRE(port_ > 0);
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        // stop() only stops a server whose accept loop runs (else the join would hang); an answer says it does.
        httplib::Client probe("127.0.0.1", port_);
        probe.set_read_timeout(20);
        REQUIRE_MESSAGE(probe.Get("/books/1"), "the in-process server did not answer");
        std::lock_guard lock(mutex_);
        answered_ = false;
        seen_.reset();
    }
    ~KeyWitness() {
        server_.stop();
        thread_.join();
    }
    KeyWitness(const KeyWitness&) = delete;
    KeyWitness& operator=(const KeyWitness&) = delete;

    std::string host_port() const { return "127.0.0.1:" + std::to_string(port_); }
    bool answered() const {
        std::lock_guard lock(mutex_);
        return answered_;
    }
    std::optional<std::string> key_seen() const {
        std::lock_guard lock(mutex_);
        return seen_;
    }

private:
    httplib::Server server_;
    int port_ = 0;
    std::thread thread_;
    mutable std::mutex mutex_;
    bool answered_ = false;
    std::optional<std::string> seen_;
};

bmx::http::HttpRequest keyed_request(const std::string& url, const std::string& api_origin) {
    bmx::http::HttpRequest request;
    request.url = url;
    request.api_origin = api_origin;
    request.api_key = bmx::env::ApiKey("tk_unit_origin_key");
    request.timeout_ms = 5000;
    return request;
}

}  // namespace key_origin_test

using namespace key_origin_test;

TEST_CASE("an https API's redirect to http on the same host and port is another origin: no key goes there") {
    KeyWitness witness;
    bmx::http::HttpRequest first = keyed_request("https://" + witness.host_port() + "/books/0", "https://" + witness.host_port());
    bmx::http::HttpResponse redirect;
    redirect.status = 302;
    redirect.redirect_url = "http://" + witness.host_port() + "/books/1";
    auto hop = bmx::http::redirected_request(first, redirect);
    REQUIRE(hop);
    CHECK(hop->api_origin == first.api_origin);
    auto answer = bmx::http::perform(*hop, {});
    REQUIRE_MESSAGE(answer, answer.error().message);
    CHECK(witness.answered());
    CHECK_FALSE(witness.key_seen().has_value());
}

TEST_CASE("the same request on the API's own http origin carries the key, so the witness would see one") {
    KeyWitness witness;
    auto answer = bmx::http::perform(keyed_request("http://" + witness.host_port() + "/books/1", "http://" + witness.host_port()), {});
    REQUIRE_MESSAGE(answer, answer.error().message);
    CHECK(witness.key_seen() == std::optional<std::string>("tk_unit_origin_key"));
}
