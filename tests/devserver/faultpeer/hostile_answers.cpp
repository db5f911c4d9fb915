// Answers a hostile server gives on purpose; each is generated as it is sent, never held whole.
#include "hostile_answers.hpp"

#include "http_request_probe.hpp"
#include "tcp_socket.hpp"

#include <nlohmann/json.hpp>
#include <sys/socket.h>
#include <zlib.h>

#include <chrono>
#include <algorithm>
#include <cstring>
#include <string_view>
#include <vector>

namespace bmx::faultpeer {

namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr std::uint64_t mib = 1024 * 1024;
constexpr auto headers_wait_limit = 2s;
constexpr auto read_slice = 100ms;
constexpr std::size_t send_block = 64 * 1024;

std::string read_request_headers(int fd, const std::atomic<bool>& stopping) {
  std::string received;
  const auto give_up_at = Clock::now() + headers_wait_limit;
  while (!holds_request_headers(received) && !stopping && Clock::now() < give_up_at) {
    if (read_some(fd, received, read_slice) == ReadResult::closed) break;
  }
  return received;
}

// The value of a request header (case-insensitive name), or empty.
std::string header_value(const std::string& request, std::string_view name) {
  std::size_t start = request.find("\r\n");
  while (start != std::string::npos && start + 2 < request.size()) {
    const std::size_t line_start = start + 2;
    const std::size_t line_end = request.find("\r\n", line_start);
    if (line_end == std::string::npos || line_end == line_start) break;
    const std::string_view line(request.data() + line_start, line_end - line_start);
    const std::size_t colon = line.find(':');
    if (colon == name.size() && strncasecmp(line.data(), name.data(), name.size()) == 0) {
      std::string_view value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
      return std::string(value);
    }
    start = line_end;
  }
  return {};
}

bool write_text(int fd, const std::string& text) { return write_all(fd, text.data(), text.size()); }

std::string chunk(std::string_view data) {
  char size[32];
  std::snprintf(size, sizeof size, "%zx\r\n", data.size());
  return std::string(size) + std::string(data) + "\r\n";
}

// Sends `produce(block)` as chunks until it returns false, the client leaves or the peer stops.
template <typename Produce>
bool send_chunked(int fd, const std::atomic<bool>& stopping, Produce produce) {
  std::string block;
  while (!stopping) {
    block.clear();
    const bool more = produce(block);
    if (!block.empty() && !write_text(fd, chunk(block))) return false;
    if (!more) return write_all(fd, "0\r\n\r\n", 5);
  }
  return false;
}

std::string head(std::string_view status, std::string_view extra_headers) {
  return std::string("HTTP/1.1 ") + std::string(status) +
         "\r\nContent-Type: application/json\r\nConnection: close\r\n" + std::string(extra_headers) + "\r\n";
}

bool send_huge_body(int fd, const std::atomic<bool>& stopping, std::uint64_t body_mib) {
  const std::string start = R"({"padding":")";
  if (!write_text(fd, head("200 OK", "Transfer-Encoding: chunked\r\n"))) return false;
  const std::uint64_t total = body_mib * mib;  // 0: endless
  std::uint64_t sent = 0;
  bool started = false;
  const std::string padding(send_block, 'x');
  return send_chunked(fd, stopping, [&](std::string& block) {
    if (!started) {
      block = start;
      started = true;
      return true;
    }
    if (total != 0 && sent >= total) {
      block = "\"}";
      return false;
    }
    block = padding;
    sent += padding.size();
    return true;
  });
}

// A Content-Length of --body-mib MiB, then as much of the body as the client reads.
bool send_declared_body(int fd, const std::atomic<bool>& stopping, std::uint64_t body_mib, bool head_only) {
  const std::uint64_t total = body_mib * mib;
  const std::string headers = "Content-Length: " + std::to_string(total) + "\r\n";
  if (!write_text(fd, head("200 OK", headers))) return false;
  if (head_only) return true;
  const std::string padding(send_block, ' ');
  for (std::uint64_t sent = 0; sent < total && !stopping; sent += padding.size()) {
    const std::size_t size = static_cast<std::size_t>(std::min<std::uint64_t>(padding.size(), total - sent));
    if (!write_all(fd, padding.data(), size)) return false;
  }
  return !stopping;
}

// Zeros through zlib's deflate with a gzip wrapper: about 1,000 to 1 once inflated. Chunked, or
// (declared) compressed whole first and sent with its Content-Length, the size before inflating.
bool send_gzip_bomb(int fd, const std::atomic<bool>& stopping, std::uint64_t body_mib, bool declared) {
  z_stream stream{};
  if (deflateInit2(&stream, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) return false;
  const std::vector<unsigned char> zeros(mib, 0);
  std::vector<unsigned char> out(send_block);
  std::uint64_t fed = 0;
  const std::uint64_t total = body_mib == 0 ? UINT64_MAX : body_mib * mib;
  // One MiB of zeros deflated into `block`; false after the last.
  auto deflate_next = [&](std::string& block) {
    const bool last = fed + zeros.size() >= total;
    stream.next_in = const_cast<unsigned char*>(zeros.data());
    stream.avail_in = static_cast<uInt>(zeros.size());
    fed += zeros.size();
    do {
      stream.next_out = out.data();
      stream.avail_out = static_cast<uInt>(out.size());
      deflate(&stream, last ? Z_FINISH : Z_NO_FLUSH);
      block.append(reinterpret_cast<const char*>(out.data()), out.size() - stream.avail_out);
    } while (stream.avail_out == 0);
    return !last;
  };
  bool sent = false;
  if (declared && body_mib > 0) {
    std::string body;
    while (!stopping && deflate_next(body)) {
    }
    sent = !stopping &&
           write_text(fd, head("200 OK", "Content-Encoding: gzip\r\nContent-Length: " + std::to_string(body.size()) + "\r\n")) &&
           write_all(fd, body.data(), body.size());
  } else {
    sent = write_text(fd, head("200 OK", "Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n")) &&
           send_chunked(fd, stopping, deflate_next);
  }
  deflateEnd(&stream);
  return sent;
}

// A zstd frame of RLE blocks written by hand: each 4-byte block stands for 128 KiB of zeros.
bool send_zstd_bomb(int fd, const std::atomic<bool>& stopping, std::uint64_t body_mib) {
  const std::string headers = "Content-Encoding: zstd\r\nTransfer-Encoding: chunked\r\n";
  if (!write_text(fd, head("200 OK", headers))) return false;
  constexpr std::uint32_t block_size = 128 * 1024;
  const std::uint64_t blocks = body_mib == 0 ? UINT64_MAX : body_mib * mib / block_size;
  std::uint64_t written = 0;
  bool started = false;
  return send_chunked(fd, stopping, [&](std::string& block) {
    if (!started) {
      // Magic, then a frame header: no checksum, no content size, window 2^(10+7) = 128 KiB.
      block.append("\x28\xb5\x2f\xfd", 4);
      block.push_back('\x00');  // frame header descriptor
      block.push_back('\x38');  // window descriptor: exponent 7
      started = true;
    }
    for (int i = 0; i < 4096 && written < blocks; ++i) {
      const bool last = ++written == blocks;
      const std::uint32_t header = (block_size << 3) | (1u << 1) | (last ? 1u : 0u);  // RLE block
      block.push_back(static_cast<char>(header & 0xff));
      block.push_back(static_cast<char>((header >> 8) & 0xff));
      block.push_back(static_cast<char>((header >> 16) & 0xff));
      block.push_back('\x00');  // the byte repeated
    }
    return written < blocks;
  });
}

bool send_fixed(int fd, std::string_view status, std::string_view extra_headers, std::string_view body) {
  return write_text(fd, head(status, std::string(extra_headers) + "Content-Length: " + std::to_string(body.size()) +
                                        "\r\n") +
                               std::string(body));
}

}  // namespace

ConnectionOutcome send_hostile_answer(UniqueFd client, const std::atomic<bool>& stopping,
                                      HostileAnswer answer, const HostileOptions& options) {
  const std::string request = read_request_headers(client.get(), stopping);
  const int fd = client.get();
  const std::uint64_t body_mib = options.body_mib;
  const int status = options.status;
  bool finished = false;
  switch (answer) {
    case HostileAnswer::huge_body:
      finished = options.declare_length
                     ? send_declared_body(fd, stopping, body_mib, request.rfind("HEAD ", 0) == 0)
                     : send_huge_body(fd, stopping, body_mib);
      break;
    case HostileAnswer::gzip_bomb: finished = send_gzip_bomb(fd, stopping, body_mib, options.declare_length); break;
    case HostileAnswer::zstd_bomb: finished = send_zstd_bomb(fd, stopping, body_mib); break;
    case HostileAnswer::long_header:
      finished = send_fixed(fd, "200 OK", "X-Padding: " + std::string(200 * 1024, 'h') + "\r\n", "{}");
      break;
    case HostileAnswer::long_status:
      finished = send_fixed(fd, "200 " + std::string(200 * 1024, 'S'), "", "{}");
      break;
    case HostileAnswer::bad_redirect:
      finished = send_fixed(fd, "302 Found", "Location: " + options.location + "\r\n", "{}");
      break;
    case HostileAnswer::deep_json: {
      constexpr std::size_t depth = 85000;
      const std::string body = R"({"detail":)" + std::string(depth, '[') + std::string(depth, ']') + "}";
      finished = send_fixed(fd, std::to_string(status) + " Hostile", "", body);
      break;
    }
    case HostileAnswer::many_values: {
      constexpr std::size_t values = 20'000'000;
      std::string body = "[";
      body.reserve(3 * values + 1);
      for (std::size_t i = 0; i < values; ++i) body += i + 1 < values ? "\"\"," : "\"\"]";
      finished = send_fixed(fd, "200 OK", "", body);
      break;
    }
    case HostileAnswer::echo_key: {
      const std::string key = header_value(request, "X-API-Key");
      // An X-Auth-Token (a credential given with -H) is echoed too.
      const std::string token = header_value(request, "X-Auth-Token");
      const nlohmann::json body = {
          {"detail", "\x1b]0;owned\x07\x1b[2Jinvalid key " + key + (token.empty() ? "" : " token " + token) +
                         " (from the hostile peer)"}};
      finished = send_fixed(fd, "400 Bad Request", "X-Echo: " + key + "\r\n", body.dump());
      break;
    }
  }
  if (finished) close_gracefully(std::move(client));
  return {finished ? "answered" : "cut-off", request.size()};
}

}  // namespace bmx::faultpeer
