// Relays a connection byte-for-byte to the upstream port, for the connections the fault peer lets through.
#include "tcp_relay.hpp"

#include "tcp_socket.hpp"

#include <poll.h>
#include <sys/socket.h>

namespace bmx::faultpeer {

namespace {

constexpr int poll_slice_ms = 100;  // How quickly an idle relay notices `stopping`.

// Moves what is waiting on `from` to `to`; false when `from` closed or `to` failed.
bool pass_along(int from, int to, std::uint64_t& counted) {
  char buffer[16384];
  const ssize_t received = ::recv(from, buffer, sizeof buffer, 0);
  if (received <= 0) return false;
  counted += static_cast<std::uint64_t>(received);
  return write_all(to, buffer, static_cast<std::size_t>(received));
}

}  // namespace

ConnectionOutcome relay_to_upstream(UniqueFd client, int upstream_port, const std::atomic<bool>& stopping,
                                    std::uint64_t reset_after_client_bytes) {
  UniqueFd upstream = connect_to_loopback(upstream_port);
  if (!upstream.valid()) {
    close_with_reset(std::move(client));
    return {"upstream_unreachable", 0};
  }

  std::uint64_t from_client = 0;
  std::uint64_t from_upstream = 0;
  while (!stopping) {
    pollfd sides[2] = {{client.get(), POLLIN, 0}, {upstream.get(), POLLIN, 0}};
    const int ready = ::poll(sides, 2, poll_slice_ms);
    if (ready < 0) break;
    if (ready == 0) continue;
    // POLLHUP/POLLERR also wake us; recv() then reports the close.
    if (sides[0].revents != 0 && !pass_along(client.get(), upstream.get(), from_client)) break;
    if (reset_after_client_bytes != 0 && from_client >= reset_after_client_bytes) {
      close_with_reset(std::move(client));
      return {"reset_midway", from_client};
    }
    if (sides[1].revents != 0 && !pass_along(upstream.get(), client.get(), from_upstream)) break;
  }
  return {"proxied", from_client};
}

}  // namespace bmx::faultpeer
