// The few POSIX socket operations the fault peer needs: listen, accept, connect, bounded reads, RST-close.
#include "tcp_socket.hpp"

#include "../common/loopback_host.hpp"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <cerrno>

namespace bmx::faultpeer {

namespace {

// A relay must not block forever on a peer that stopped reading.
void bound_send_time(int fd) {
  const timeval five_seconds{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &five_seconds, sizeof five_seconds);
}

bool wait_readable(int fd, std::chrono::milliseconds timeout) {
  pollfd waiting{fd, POLLIN, 0};
  return ::poll(&waiting, 1, static_cast<int>(timeout.count())) > 0;
}

int port_of(int fd) {
  sockaddr_storage address{};
  socklen_t length = sizeof address;
  if (getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) return -1;
  if (address.ss_family == AF_INET6) {
    return ntohs(reinterpret_cast<const sockaddr_in6*>(&address)->sin6_port);
  }
  return ntohs(reinterpret_cast<const sockaddr_in*>(&address)->sin_port);
}

}  // namespace

ListeningSocket listen_on(const std::string& host, int port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICHOST | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const std::string address = testpeer::bind_address_for(host);
  if (getaddrinfo(address.c_str(), std::to_string(port).c_str(), &hints, &found) != 0) return {};

  UniqueFd fd(::socket(found->ai_family, found->ai_socktype | SOCK_CLOEXEC, found->ai_protocol));
  const int yes = 1;
  const bool ready = fd.valid() &&
                     setsockopt(fd.get(), SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes) == 0 &&
                     ::bind(fd.get(), found->ai_addr, found->ai_addrlen) == 0 &&
                     ::listen(fd.get(), 128) == 0;
  freeaddrinfo(found);
  if (!ready) return {};
  const int bound_port = port_of(fd.get());
  return {std::move(fd), bound_port};
}

UniqueFd accept_within(int listen_fd, std::chrono::milliseconds timeout) {
  if (!wait_readable(listen_fd, timeout)) return {};
  UniqueFd client(::accept4(listen_fd, nullptr, nullptr, SOCK_CLOEXEC));
  if (client.valid()) bound_send_time(client.get());
  return client;
}

UniqueFd connect_to_loopback(int port) {
  UniqueFd fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!fd.valid()) return {};
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) return {};
  bound_send_time(fd.get());
  return fd;
}

ReadResult read_some(int fd, std::string& into, std::chrono::milliseconds timeout) {
  if (!wait_readable(fd, timeout)) return ReadResult::timeout;
  char buffer[16384];
  const ssize_t received = ::recv(fd, buffer, sizeof buffer, 0);
  if (received <= 0) return ReadResult::closed;
  into.append(buffer, static_cast<std::size_t>(received));
  return ReadResult::data;
}

bool write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t sent = ::send(fd, data, size, MSG_NOSIGNAL);
    if (sent < 0 && errno == EINTR) continue;
    if (sent <= 0) return false;
    data += sent;
    size -= static_cast<std::size_t>(sent);
  }
  return true;
}

void close_with_reset(UniqueFd fd) {
  const linger abort_on_close{1, 0};
  setsockopt(fd.get(), SOL_SOCKET, SO_LINGER, &abort_on_close, sizeof abort_on_close);
  fd.reset();
}

void close_gracefully(UniqueFd client) {
  ::shutdown(client.get(), SHUT_WR);
  std::string ignored;
  const auto give_up_at = std::chrono::steady_clock::now() + std::chrono::seconds(1);
  while (std::chrono::steady_clock::now() < give_up_at) {
    if (read_some(client.get(), ignored, std::chrono::milliseconds(100)) == ReadResult::closed) break;
    ignored.clear();
  }
}

}  // namespace bmx::faultpeer
