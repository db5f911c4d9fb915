// The four ways the fault peer mistreats a connection; each is bounded by time or by the stop flag.
#include "fault_actions.hpp"

#include "http_request_probe.hpp"
#include "tcp_socket.hpp"

#include <string>
#include <thread>

namespace bmx::faultpeer {

namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr std::size_t reset_after_bytes = 1024;
constexpr auto request_wait_limit = 2s;
constexpr auto poll_slice = 100ms;  // How quickly a waiting connection notices `stopping`.
constexpr std::size_t trickle_body_bytes = 200;

// Shaped like /health/version so a client that gets all of it can parse it.
std::string trickle_body() {
  const std::string head =
      R"({"version":"1.0.0","environment":"staging","git_sha":"0000000",)"
      R"("deployed_at":"2024-01-01T00:00:00Z","note":"bmx-faultpeer trickle mode","padding":")";
  const std::string tail = "\"}";
  const std::size_t used = head.size() + tail.size();
  const std::size_t padding = trickle_body_bytes > used ? trickle_body_bytes - used : 0;
  return head + std::string(padding, '.') + tail;
}

// Reads until `enough(received)`, the client closes, the time limit, or `stopping`.
template <typename Enough>
std::string read_until(int fd, const std::atomic<bool>& stopping, Clock::duration limit,
                       Enough enough) {
  std::string received;
  const auto give_up_at = Clock::now() + limit;
  while (!enough(received) && !stopping && Clock::now() < give_up_at) {
    if (read_some(fd, received, poll_slice) == ReadResult::closed) break;
  }
  return received;
}

}  // namespace

ConnectionOutcome reset_after_request(UniqueFd client, const std::atomic<bool>& stopping) {
  const std::string received =
      read_until(client.get(), stopping, request_wait_limit, [](const std::string& so_far) {
        return so_far.size() >= reset_after_bytes || holds_complete_request(so_far);
      });
  close_with_reset(std::move(client));
  return {"reset", received.size()};
}

ConnectionOutcome hang(UniqueFd client, const std::atomic<bool>& stopping) {
  std::uint64_t discarded = 0;
  std::string chunk;
  while (!stopping) {
    const ReadResult result = read_some(client.get(), chunk, poll_slice);
    if (result == ReadResult::closed) break;
    discarded += chunk.size();
    chunk.clear();
  }
  return {"hung", discarded};
}

ConnectionOutcome trickle_response(UniqueFd client, const std::atomic<bool>& stopping,
                                   std::chrono::milliseconds per_byte) {
  const std::string received =
      read_until(client.get(), stopping, request_wait_limit, holds_request_headers);
  const std::string body = trickle_body();
  const std::string head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                           std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n";
  // The status line and headers arrive promptly; only the body crawls.
  if (!write_all(client.get(), head.data(), head.size())) return {"trickled", received.size()};
  for (char byte : body) {
    if (stopping || !write_all(client.get(), &byte, 1)) return {"trickled", received.size()};
    std::this_thread::sleep_for(per_byte);
  }
  close_gracefully(std::move(client));
  return {"trickled", received.size()};
}

ConnectionOutcome close_at_once(UniqueFd client) {
  client.reset();
  return {"closed", 0};
}

}  // namespace bmx::faultpeer
