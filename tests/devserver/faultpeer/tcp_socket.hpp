// The few POSIX socket operations the fault peer needs: listen, accept, connect, bounded reads, RST-close.
#pragma once

#include "unique_fd.hpp"

#include <chrono>
#include <cstddef>
#include <string>

namespace bmx::faultpeer {

struct ListeningSocket {
  UniqueFd fd;
  int port = 0;
};

// Binds and listens on a loopback address; fd is invalid on failure.
ListeningSocket listen_on(const std::string& host, int port);

// Waits up to `timeout` for a connection; invalid fd when none arrived.
UniqueFd accept_within(int listen_fd, std::chrono::milliseconds timeout);

// Connects to 127.0.0.1:port; invalid fd on failure.
UniqueFd connect_to_loopback(int port);

enum class ReadResult { data, timeout, closed };

// Waits up to `timeout` for bytes and appends what one recv() returns.
ReadResult read_some(int fd, std::string& into, std::chrono::milliseconds timeout);

// Writes everything or reports false (the peer went away or stopped reading).
bool write_all(int fd, const char* data, std::size_t size);

// Half-closes, then lets the client read the end and hang up (at most 1 s), so closing with
// unread bytes cannot turn the FIN into an RST that loses the answer's tail.
void close_gracefully(UniqueFd client);

// Closes with SO_LINGER {1, 0}, which makes the kernel send RST instead of FIN.
void close_with_reset(UniqueFd fd);

}  // namespace bmx::faultpeer
