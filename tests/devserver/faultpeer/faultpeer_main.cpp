// bmx-faultpeer: a raw-socket TEST PEER on loopback that resets, hangs, trickles or closes connections, or answers like a hostile server, for bmx-api's fault tests.
#include "../common/loopback_host.hpp"
#include "../common/shutdown_wait.hpp"
#include "connection_log.hpp"
#include "fault_actions.hpp"
#include "hostile_answers.hpp"
#include "faultpeer_options.hpp"
#include "tcp_relay.hpp"
#include "tcp_socket.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

namespace {

using namespace bmx::faultpeer;
using namespace std::chrono_literals;

constexpr auto accept_slice = 100ms;  // How quickly the accept loop notices `stopping`.
constexpr auto shutdown_grace = 3s;   // Relays blocked in send() give up within 5 s anyway.

ConnectionOutcome apply_fault(const FaultpeerOptions& options, UniqueFd client,
                              const std::atomic<bool>& stopping) {
  const auto hostile = [&](HostileAnswer answer) {
    const HostileOptions hostile_options{static_cast<std::uint64_t>(options.body_mib), options.status,
                                         options.declare_length, options.location};
    return send_hostile_answer(std::move(client), stopping, answer, hostile_options);
  };
  switch (options.mode) {
    case FaultMode::reset: return reset_after_request(std::move(client), stopping);
    case FaultMode::reset_midway:
      // Earlier requests on the connection (a keep-alive GET, say) go through; a large body does not.
      if (!options.upstream_port) return reset_after_request(std::move(client), stopping);
      return relay_to_upstream(std::move(client), *options.upstream_port, stopping, 64 * 1024);
    case FaultMode::hang: return hang(std::move(client), stopping);
    case FaultMode::trickle:
      return trickle_response(std::move(client), stopping, std::chrono::milliseconds(options.trickle_ms));
    case FaultMode::close: return close_at_once(std::move(client));
    case FaultMode::huge_body: return hostile(HostileAnswer::huge_body);
    case FaultMode::gzip_bomb: return hostile(HostileAnswer::gzip_bomb);
    case FaultMode::zstd_bomb: return hostile(HostileAnswer::zstd_bomb);
    case FaultMode::long_header: return hostile(HostileAnswer::long_header);
    case FaultMode::long_status: return hostile(HostileAnswer::long_status);
    case FaultMode::bad_redirect: return hostile(HostileAnswer::bad_redirect);
    case FaultMode::deep_json: return hostile(HostileAnswer::deep_json);
    case FaultMode::many_values: return hostile(HostileAnswer::many_values);
    case FaultMode::echo_key: return hostile(HostileAnswer::echo_key);
  }
  return close_at_once(std::move(client));
}

// The one place that decides a connection's fate: fault the first --count, relay the rest.
ConnectionOutcome serve_connection(const FaultpeerOptions& options, std::uint64_t number,
                                   UniqueFd client, const std::atomic<bool>& stopping) {
  const bool faulted = number <= static_cast<std::uint64_t>(options.count) || !options.upstream_port;
  if (faulted) return apply_fault(options, std::move(client), stopping);
  return relay_to_upstream(std::move(client), *options.upstream_port, stopping);
}

void accept_connections(const FaultpeerOptions& options, int listen_fd, ConnectionLog& log,
                        const std::atomic<bool>& stopping) {
  std::vector<std::thread> connections;
  std::uint64_t accepted = 0;
  while (!stopping) {
    UniqueFd client = accept_within(listen_fd, accept_slice);
    if (!client.valid()) continue;
    const std::uint64_t number = ++accepted;
    connections.emplace_back([&options, &log, &stopping, number, client = std::move(client)]() mutable {
      const ConnectionOutcome outcome = serve_connection(options, number, std::move(client), stopping);
      log.record(number, outcome.action, outcome.bytes_received);
    });
  }
  for (auto& connection : connections) connection.join();
}

}  // namespace

int main(int argc, char** argv) {
  const ParsedOptions parsed = parse_faultpeer_options(argc, argv);
  if (!parsed.options) return parsed.exit_code;
  const FaultpeerOptions& options = *parsed.options;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(options.exit_after_seconds);

  bmx::testpeer::block_shutdown_signals();

  ConnectionLog log(options.log_path);
  if (!log.ok()) {
    std::fprintf(stderr, "bmx-faultpeer: cannot open --log %s\n", options.log_path.c_str());
    return 2;
  }
  ListeningSocket listener = listen_on(options.host, options.port);
  if (!listener.fd.valid()) {
    std::fprintf(stderr, "bmx-faultpeer: cannot listen on %s port %d\n", options.host.c_str(),
                 options.port);
    return 1;
  }
  std::printf("bmx-faultpeer listening on %s\n",
              bmx::testpeer::http_origin(options.host, listener.port).c_str());
  std::fflush(stdout);

  std::atomic<bool> stopping{false};
  std::atomic<bool> accepting_ended{false};
  std::thread acceptor([&] {
    accept_connections(options, listener.fd.get(), log, stopping);
    accepting_ended = true;
  });

  bmx::testpeer::wait_for_shutdown(deadline, [&] { return accepting_ended.load(); });
  stopping = true;

  const auto give_up_at = std::chrono::steady_clock::now() + shutdown_grace;
  while (!accepting_ended && std::chrono::steady_clock::now() < give_up_at) {
    std::this_thread::sleep_for(20ms);
  }
  if (!accepting_ended) {
    // A connection is stuck in a blocking send; the promise to exit wins.
    std::fflush(nullptr);
    std::_Exit(0);
  }
  acceptor.join();
  return 0;
}
