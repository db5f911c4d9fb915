// A PollFetch for one prepared request: a single attempt per poll, bounded by the poll's time, stopped by Ctrl-C.
#pragma once

#include "http/http_types.hpp"
#include "poll/poll_clock.hpp"
#include "poll/poll_engine.hpp"

namespace bmx::poll {

// Each poll performs the request once (the poll loop is the retry loop), following redirects,
// with the time the engine gives it; a cancelled token aborts the transfer in flight.
PollFetch request_fetch(http::HttpRequest request, CancelToken cancel);

}  // namespace bmx::poll
