// The shared token bucket and the httplib stream that reads through it.
#include "uplink_limit.hpp"

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <array>
#include <cstring>
#include <thread>

namespace bmx::devserver {

namespace {

// Waits up to the timeout for the socket to be ready for `events`.
bool wait_ready(socket_t sock, short events, time_t seconds, time_t microseconds) {
  pollfd fd{sock, events, 0};
  const int timeout_ms = static_cast<int>(seconds * 1000 + microseconds / 1000);
  int ready = 0;
  do {
    ready = ::poll(&fd, 1, timeout_ms);
  } while (ready < 0 && errno == EINTR);
  return ready > 0;
}

void address_of(socket_t sock, bool peer, std::string& ip, int& port) {
  sockaddr_storage address{};
  socklen_t length = sizeof(address);
  const int got = peer ? ::getpeername(sock, reinterpret_cast<sockaddr*>(&address), &length)
                       : ::getsockname(sock, reinterpret_cast<sockaddr*>(&address), &length);
  if (got != 0) return;
  std::array<char, NI_MAXHOST> host{};
  std::array<char, NI_MAXSERV> service{};
  if (::getnameinfo(reinterpret_cast<sockaddr*>(&address), length, host.data(), host.size(), service.data(),
                    service.size(), NI_NUMERICHOST | NI_NUMERICSERV) != 0) {
    return;
  }
  ip = host.data();
  port = std::atoi(service.data());
}

// One connection's bytes, read through the limit a buffer at a time (httplib reads a request's
// head a byte at a time) and written as the stock stream writes them.
class LimitedStream : public httplib::Stream {
 public:
  LimitedStream(socket_t sock, UplinkLimit& limit, time_t read_sec, time_t read_usec, time_t write_sec,
                time_t write_usec)
      : sock_(sock), limit_(limit), read_sec_(read_sec), read_usec_(read_usec), write_sec_(write_sec),
        write_usec_(write_usec) {}

  bool is_readable() const override { return buffered() > 0 || wait_ready(sock_, POLLIN, read_sec_, read_usec_); }
  bool is_writable() const override { return wait_ready(sock_, POLLOUT, write_sec_, write_usec_); }

  ssize_t read(char* ptr, size_t size) override {
    if (buffered() == 0 && !fill()) return -1;
    const std::size_t count = std::min(size, buffered());
    std::memcpy(ptr, buffer_.data() + start_, count);
    start_ += count;
    return static_cast<ssize_t>(count);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (!is_writable()) return -1;
    ssize_t sent = 0;
    do {
      sent = ::send(sock_, ptr, size, MSG_NOSIGNAL);
    } while (sent < 0 && errno == EINTR);
    return sent;
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override { address_of(sock_, true, ip, port); }
  void get_local_ip_and_port(std::string& ip, int& port) const override { address_of(sock_, false, ip, port); }
  socket_t socket() const override { return sock_; }

  bool has_buffered() const { return buffered() > 0; }

 private:
  std::size_t buffered() const { return end_ - start_; }

  // Reads what the limit grants into the empty buffer; false at the end, a timeout or an error.
  bool fill() {
    if (!wait_ready(sock_, POLLIN, read_sec_, read_usec_)) return false;
    const std::size_t granted = limit_.take(buffer_.size());
    ssize_t got = 0;
    do {
      got = ::recv(sock_, buffer_.data(), granted, 0);
    } while (got < 0 && errno == EINTR);
    const std::size_t read = got > 0 ? static_cast<std::size_t>(got) : 0;
    limit_.give_back(granted - read);
    limit_.count_read(read);
    start_ = 0;
    end_ = read;
    return read > 0;
  }

  socket_t sock_;
  UplinkLimit& limit_;
  time_t read_sec_, read_usec_, write_sec_, write_usec_;
  std::array<char, 4096> buffer_{};
  std::size_t start_ = 0, end_ = 0;
};

}  // namespace

UplinkLimit::UplinkLimit(std::size_t bytes_per_second)
    : bytes_per_second_(bytes_per_second),
      burst_(std::max(4096.0, static_cast<double>(bytes_per_second) / 20)) {}

std::size_t UplinkLimit::take(std::size_t wanted) {
  while (true) {
    std::chrono::duration<double> wait{};
    {
      std::lock_guard lock(mutex_);
      const auto now = Clock::now();
      tokens_ = std::min(burst_, tokens_ + std::chrono::duration<double>(now - refilled_).count() *
                                             static_cast<double>(bytes_per_second_));
      refilled_ = now;
      // Whole buffers only: httplib 0.11's multipart parser mishandles a boundary split over
      // many tiny reads, which a trickle of tokens would make common.
      const double needed = static_cast<double>(std::min<std::size_t>(wanted, 4096));
      if (tokens_ >= needed) {
        tokens_ -= needed;
        return static_cast<std::size_t>(needed);
      }
      wait = std::chrono::duration<double>((needed - tokens_) / static_cast<double>(bytes_per_second_));
    }
    // Bounded: the bucket refills at the rate, so one byte is at most a few ms away.
    std::this_thread::sleep_for(std::max(wait, std::chrono::duration<double>(0.001)));
  }
}

void UplinkLimit::give_back(std::size_t unused) {
  std::lock_guard lock(mutex_);
  tokens_ = std::min(burst_, tokens_ + static_cast<double>(unused));
}

UplinkLimitedServer::UplinkLimitedServer(UplinkLimit& limit) : limit_(limit) {
  set_socket_options([](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    // Accepted connections inherit it from the listening socket.
    int buffer = limited_receive_buffer_bytes;
    ::setsockopt(sock, SOL_SOCKET, SO_RCVBUF, &buffer, sizeof(buffer));
  });
}

bool UplinkLimitedServer::next_request_comes(socket_t sock) const {
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(keep_alive_timeout_sec_);
  while (svr_sock_ != INVALID_SOCKET && std::chrono::steady_clock::now() < give_up) {
    if (wait_ready(sock, POLLIN, 0, 50 * 1000)) return true;
  }
  return false;
}

bool UplinkLimitedServer::process_and_close_socket(socket_t sock) {
  LimitedStream stream(sock, limit_, read_timeout_sec_, read_timeout_usec_, write_timeout_sec_,
                       write_timeout_usec_);
  bool served = false;
  // As the stock server: up to keep_alive_max_count requests a connection, the last one closing it.
  for (std::size_t left = keep_alive_max_count_; left > 0; --left) {
    if (!stream.has_buffered() && !next_request_comes(sock)) break;
    bool connection_closed = false;
    served = process_request(stream, left == 1, connection_closed, nullptr);
    if (!served || connection_closed) break;
  }
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return served;
}

}  // namespace bmx::devserver
