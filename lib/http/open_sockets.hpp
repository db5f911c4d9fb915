// The sockets a transfer loop's connections hold, so that a progress meter can ask the kernel how
// much of what libcurl sent the server has not acknowledged yet.
#pragma once

#include <curl/curl.h>

#include <optional>
#include <vector>

namespace bmx::http {

// Request bytes in the socket's send queue that the peer's TCP has not acknowledged (Linux
// SIOCOUTQ: sent but unacknowledged, plus not sent yet). None where the kernel cannot say.
std::optional<long long> unacknowledged_bytes(curl_socket_t socket);

// Filled by libcurl's open and close socket callbacks (Transfer sets them), on the loop thread.
// It outlives the multi handle, which may close pooled connections as it is cleaned up.
class OpenSockets {
public:
    void opened(curl_socket_t socket) { sockets_.push_back(socket); }
    void closed(curl_socket_t socket);
    const std::vector<curl_socket_t>& all() const { return sockets_; }

    // libcurl's callbacks: clientp is the Transfer that opens (it records its own socket) or the
    // OpenSockets that learns of the close.
    static int close_socket(void* clientp, curl_socket_t socket);

private:
    std::vector<curl_socket_t> sockets_;
};

}  // namespace bmx::http
