// Performs the polled request once per poll, with the poll's time budget and Ctrl-C wired to libcurl.
#include "poll/request_fetch.hpp"

#include <utility>

namespace bmx::poll {

PollFetch request_fetch(http::HttpRequest request, CancelToken cancel) {
    return [request = std::move(request), cancel](milliseconds request_time) {
        http::HttpRequest once = request;
        once.timeout_ms = static_cast<long>(request_time.count());
        http::PerformOptions options;
        options.retry.max_retries = 0;
        options.cancel = cancel;
        return http::perform(once, options);
    };
}

}  // namespace bmx::poll
