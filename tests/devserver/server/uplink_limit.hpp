// --uplink-kib-per-second: a client's slow uplink, as a server that reads every connection's bytes
// through one shared token bucket, with small socket receive buffers so the kernel holds little
// beyond what the bucket let in. Under --tls the bucket sits below TLS (an OpenSSL BIO reads the
// socket through it), so it meters the bytes on the wire, records and handshake included.
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>

namespace bmx::devserver {

class UplinkLimit {
 public:
  explicit UplinkLimit(std::size_t bytes_per_second);

  // Waits until min(wanted, 4096) bytes may be read, and grants them.
  std::size_t take(std::size_t wanted);
  // Gives back what was granted but not read.
  void give_back(std::size_t unused);

  std::size_t bytes_per_second() const { return bytes_per_second_; }
  // Request bytes read so far, from every connection (what crossed the "link").
  long long bytes_read() const { return bytes_read_.load(); }
  void count_read(std::size_t bytes) { bytes_read_ += static_cast<long long>(bytes); }

 private:
  using Clock = std::chrono::steady_clock;
  const std::size_t bytes_per_second_;
  const double burst_;  // the bucket's size: 50 ms of the rate
  std::mutex mutex_;
  double tokens_ = 0;
  Clock::time_point refilled_ = Clock::now();
  std::atomic<long long> bytes_read_{0};
};

// Asked of the kernel for every connection's receive buffer under a limit (it doubles it).
inline constexpr int limited_receive_buffer_bytes = 32 * 1024;

// An httplib server whose connections read through the limit. Everything else (routing, keep-alive
// count and timeout, read and write timeouts) is the stock server's.
class UplinkLimitedServer : public httplib::Server {
 public:
  explicit UplinkLimitedServer(UplinkLimit& limit);

 private:
  bool process_and_close_socket(socket_t sock) override;

  UplinkLimit& limit_;
};

// The same over TLS: cpp-httplib's SSLServer (its SSL_CTX, certificate and key), with each
// connection's TLS read from the socket through the limit.
class UplinkLimitedTlsServer : public httplib::SSLServer {
 public:
  UplinkLimitedTlsServer(const std::string& cert_path, const std::string& key_path, UplinkLimit& limit);

 private:
  bool process_and_close_socket(socket_t sock) override;

  UplinkLimit& limit_;
};

}  // namespace bmx::devserver
