// drive(): one attempt hop by hop, then the retry decision, until the request is done.
#include "http/request_driver.hpp"

#include <memory>
#include <random>

#include <fmt/format.h>

namespace bmx::http {
namespace {

std::mt19937& retry_random() {
    thread_local std::mt19937 random{std::random_device{}()};
    return random;
}

// One request's way through its attempts and hops; kept alive by the completions that hold it.
struct Drive : std::enable_shared_from_this<Drive> {
    TransferLoop& loop;
    HttpRequest original;
    PerformOptions options;
    std::function<void(Driven)> done;
    int attempts = 0;
    int requests = 0;

    Drive(TransferLoop& loop_, HttpRequest request, PerformOptions options_, std::function<void(Driven)> done_)
        : loop(loop_), original(std::move(request)), options(std::move(options_)), done(std::move(done_)) {}

    void start_attempt(std::chrono::milliseconds delay) {
        auto self = shared_from_this();
        auto on_launch = [self] {
            ++self->attempts;
            if (self->options.on_attempt) self->options.on_attempt();
        };
        send(original, 0, delay, std::move(on_launch));
    }

    void send(const HttpRequest& request, int hops, std::chrono::milliseconds delay, TransferLoop::OnLaunch on_launch) {
        auto self = shared_from_this();
        auto sent = std::make_shared<HttpRequest>(request);
        auto completion = [self, sent, hops](Result<HttpResponse> result) { self->answered(*sent, hops, std::move(result)); };
        auto counted = [self, on_launch = std::move(on_launch)] {
            ++self->requests;
            if (on_launch) on_launch();
        };
        if (delay.count() > 0)
            loop.start_after(delay, request, std::move(completion), std::move(counted), options.cancel);
        else
            loop.start(request, std::move(completion), std::move(counted), options.cancel);
    }

    void answered(const HttpRequest& sent, int hops, Result<HttpResponse> result) {
        if (result && options.on_answer) options.on_answer(*result);
        if (result) {
            if (auto next = redirected_request(sent, *result)) return follow(sent, hops, *result, std::move(*next));
        }
        attempt_ended(std::move(result));
    }

    void follow(const HttpRequest& sent, int hops, const HttpResponse& answer, HttpRequest next) {
        if (!sent.form.empty() && next.form.empty())
            return attempt_ended(Error{Stage::http,
                                       fmt::format("the server answered HTTP {} to the upload with a redirect to {}, which "
                                                   "would turn it into a GET without the file; not followed",
                                                   answer.status, answer.redirect_url),
                                       answer.status});
        if (hops >= options.max_redirects)
            return attempt_ended(make_error(
                Stage::answer, fmt::format("more than {} redirects, last to {}", options.max_redirects, answer.redirect_url)));
        send(next, hops + 1, std::chrono::milliseconds(0), {});
    }

    void attempt_ended(Result<HttpResponse> result) {
        auto decision = decide_retry(options.retry, original.method, attempts, result, retry_random());
        if (!decision.retry || options.cancel.cancelled())
            return done(Driven{std::move(result), attempts, requests});
        if (options.on_retry) options.on_retry(attempts + 1, decision.reason, decision.delay);
        start_attempt(decision.delay);
    }
};

}  // namespace

std::optional<HttpRequest> redirected_request(const HttpRequest& request, const HttpResponse& response) {
    long status = response.status;
    bool is_redirect = status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    if (!is_redirect || response.redirect_url.empty()) return std::nullopt;
    HttpRequest next = request;
    next.url = response.redirect_url;
    next.follows_redirect = true;
    bool becomes_get = status == 303 || ((status == 301 || status == 302) && request.method == Method::post);
    if (becomes_get && request.method != Method::head) {
        next.method = Method::get;
        next.body.clear();
        next.content_type.clear();
        next.form.clear();
    }
    return next;
}

void drive(TransferLoop& loop, HttpRequest request, PerformOptions options, std::function<void(Driven)> done) {
    auto state = std::make_shared<Drive>(loop, std::move(request), std::move(options), std::move(done));
    state->start_attempt(std::chrono::milliseconds(0));
}

Result<PerformResult> perform(const HttpRequest& request, const PerformOptions& options) {
    TransferLoop loop(1);
    std::optional<Driven> ended;
    drive(loop, request, options, [&ended](Driven driven) { ended = std::move(driven); });
    // Ctrl-C also stops the transfer in flight: nothing else waits on this request.
    loop.run([] { return false; }, [&] {
        if (options.cancel.cancelled() && loop.in_flight() > 0) loop.abort_all("cancelled by an interrupt");
    });
    if (!ended) return make_error(Stage::internal, "the request ended without an outcome (a bug)");
    if (!ended->outcome) return ended->outcome.take_error();
    return PerformResult{std::move(ended->outcome.value()), ended->attempts};
}

}  // namespace bmx::http
