// The loop's open sockets, and what the kernel says is still unacknowledged on one.
#include "http/open_sockets.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>

namespace bmx::http {

std::optional<long long> unacknowledged_bytes(curl_socket_t socket) {
#ifdef TIOCOUTQ
    // TIOCOUTQ is SIOCOUTQ on Linux: for TCP, the bytes written but not acknowledged by the peer.
    int queued = 0;
    if (::ioctl(socket, TIOCOUTQ, &queued) != 0 || queued < 0) return std::nullopt;
    return queued;
#else
    (void)socket;
    return std::nullopt;
#endif
}

void OpenSockets::closed(curl_socket_t socket) {
    sockets_.erase(std::remove(sockets_.begin(), sockets_.end(), socket), sockets_.end());
}

int OpenSockets::close_socket(void* clientp, curl_socket_t socket) {
    static_cast<OpenSockets*>(clientp)->closed(socket);
    return ::close(socket);
}

}  // namespace bmx::http
