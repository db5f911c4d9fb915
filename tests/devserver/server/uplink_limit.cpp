// The shared token bucket and the httplib streams (plain and TLS) that read through it.
#include "uplink_limit.hpp"

#include <openssl/bio.h>
#include <openssl/ssl.h>

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <array>
#include <climits>
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

// Reads up to `wanted` bytes the limit grants; what recv returns (0 at the end, -1 on error).
ssize_t limited_recv(socket_t sock, UplinkLimit& limit, char* out, std::size_t wanted) {
  const std::size_t granted = limit.take(wanted);
  ssize_t got = 0;
  do {
    got = ::recv(sock, out, granted, 0);
  } while (got < 0 && errno == EINTR);
  const std::size_t read = got > 0 ? static_cast<std::size_t>(got) : 0;
  limit.give_back(granted - read);
  limit.count_read(read);
  return got;
}

// Whether the connection brings another request before the keep-alive timeout (or the stop).
bool next_request_comes(socket_t sock, time_t keep_alive_sec, const std::atomic<socket_t>& listening) {
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(keep_alive_sec);
  while (listening != INVALID_SOCKET && std::chrono::steady_clock::now() < give_up) {
    if (wait_ready(sock, POLLIN, 0, 50 * 1000)) return true;
  }
  return false;
}

void set_limited_socket_options(httplib::Server& server) {
  server.set_socket_options([](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    // Accepted connections inherit it from the listening socket.
    int buffer = limited_receive_buffer_bytes;
    ::setsockopt(sock, SOL_SOCKET, SO_RCVBUF, &buffer, sizeof(buffer));
  });
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
    const ssize_t got = limited_recv(sock_, limit_, buffer_.data(), buffer_.size());
    const std::size_t read = got > 0 ? static_cast<std::size_t>(got) : 0;
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

// The socket under a TLS connection, as an OpenSSL BIO: reads wait for the socket (up to the
// server's read timeout) and then take what the limit grants; writes go straight out.
struct LimitedSocket {
  socket_t sock;
  UplinkLimit& limit;
  time_t read_sec, read_usec, write_sec, write_usec;
};

int limited_bio_read(BIO* bio, char* out, int size) {
  auto* socket = static_cast<LimitedSocket*>(BIO_get_data(bio));
  BIO_clear_retry_flags(bio);
  if (size <= 0 || !wait_ready(socket->sock, POLLIN, socket->read_sec, socket->read_usec)) return -1;
  const ssize_t got = limited_recv(socket->sock, socket->limit, out, static_cast<std::size_t>(size));
  return got >= 0 ? static_cast<int>(got) : -1;
}

int limited_bio_write(BIO* bio, const char* data, int size) {
  auto* socket = static_cast<LimitedSocket*>(BIO_get_data(bio));
  BIO_clear_retry_flags(bio);
  if (size <= 0 || !wait_ready(socket->sock, POLLOUT, socket->write_sec, socket->write_usec)) return -1;
  ssize_t sent = 0;
  do {
    sent = ::send(socket->sock, data, static_cast<std::size_t>(size), MSG_NOSIGNAL);
  } while (sent < 0 && errno == EINTR);
  return sent >= 0 ? static_cast<int>(sent) : -1;
}

long limited_bio_ctrl(BIO*, int command, long, void*) {
  return command == BIO_CTRL_FLUSH ? 1 : 0;  // nothing is buffered here
}

BIO_METHOD* limited_bio_method() {
  static BIO_METHOD* const method = [] {
    BIO_METHOD* made = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "bmx-devserver uplink limit");
    BIO_meth_set_read(made, limited_bio_read);
    BIO_meth_set_write(made, limited_bio_write);
    BIO_meth_set_ctrl(made, limited_bio_ctrl);
    return made;
  }();
  return method;
}

// One TLS connection as an httplib stream; the handshake is done before it is made.
class LimitedTlsStream : public httplib::Stream {
 public:
  LimitedTlsStream(SSL* ssl, const LimitedSocket& socket) : ssl_(ssl), socket_(socket) {}

  bool is_readable() const override {
    return SSL_pending(ssl_) > 0 || wait_ready(socket_.sock, POLLIN, socket_.read_sec, socket_.read_usec);
  }
  bool is_writable() const override { return wait_ready(socket_.sock, POLLOUT, socket_.write_sec, socket_.write_usec); }

  ssize_t read(char* ptr, size_t size) override {
    const int got = SSL_read(ssl_, ptr, static_cast<int>(std::min<size_t>(size, INT_MAX)));
    return got > 0 ? got : -1;
  }
  ssize_t write(const char* ptr, size_t size) override {
    const int sent = SSL_write(ssl_, ptr, static_cast<int>(std::min<size_t>(size, INT_MAX)));
    return sent > 0 ? sent : -1;
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override { address_of(socket_.sock, true, ip, port); }
  void get_local_ip_and_port(std::string& ip, int& port) const override { address_of(socket_.sock, false, ip, port); }
  socket_t socket() const override { return socket_.sock; }

  bool has_buffered() const { return SSL_pending(ssl_) > 0; }

 private:
  SSL* ssl_;
  const LimitedSocket& socket_;
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

UplinkLimitedServer::UplinkLimitedServer(UplinkLimit& limit) : limit_(limit) { set_limited_socket_options(*this); }

bool UplinkLimitedServer::process_and_close_socket(socket_t sock) {
  LimitedStream stream(sock, limit_, read_timeout_sec_, read_timeout_usec_, write_timeout_sec_,
                       write_timeout_usec_);
  bool served = false;
  // As the stock server: up to keep_alive_max_count requests a connection, the last one closing it.
  for (std::size_t left = keep_alive_max_count_; left > 0; --left) {
    if (!stream.has_buffered() && !next_request_comes(sock, keep_alive_timeout_sec_, svr_sock_)) break;
    bool connection_closed = false;
    served = process_request(stream, left == 1, connection_closed, nullptr);
    if (!served || connection_closed) break;
  }
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return served;
}

UplinkLimitedTlsServer::UplinkLimitedTlsServer(const std::string& cert_path, const std::string& key_path,
                                               UplinkLimit& limit)
    : httplib::SSLServer(cert_path.c_str(), key_path.c_str()), limit_(limit) {
  set_limited_socket_options(*this);
}

bool UplinkLimitedTlsServer::process_and_close_socket(socket_t sock) {
  LimitedSocket socket{sock, limit_, read_timeout_sec_, read_timeout_usec_, write_timeout_sec_, write_timeout_usec_};
  bool served = false;
  SSL* ssl = SSL_new(ssl_context());
  BIO* bio = ssl ? BIO_new(limited_bio_method()) : nullptr;
  if (bio) {
    BIO_set_data(bio, &socket);
    BIO_set_init(bio, 1);
    SSL_set_bio(ssl, bio, bio);  // the SSL owns it from here
  }
  if (bio && SSL_accept(ssl) == 1) {
    LimitedTlsStream stream(ssl, socket);
    // As the stock server: up to keep_alive_max_count requests a connection, the last one closing it.
    for (std::size_t left = keep_alive_max_count_; left > 0; --left) {
      if (!stream.has_buffered() && !next_request_comes(sock, keep_alive_timeout_sec_, svr_sock_)) break;
      bool connection_closed = false;
      served = process_request(stream, left == 1, connection_closed, nullptr);
      if (!served || connection_closed) break;
    }
    SSL_shutdown(ssl);
  }
  SSL_free(ssl);
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return served;
}

}  // namespace bmx::devserver
