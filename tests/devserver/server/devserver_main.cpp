// bmx-devserver: a local TEST DOUBLE of the BlueMoxon API on loopback, for bmx-api's integration tests (not the real service).
#include "../common/loopback_host.hpp"
#include "../common/shutdown_wait.hpp"
#include "api_routes.hpp"
#include "catalog.hpp"
#include "devserver_context.hpp"
#include "devserver_options.hpp"
#include "fault_plan.hpp"
#include "iso_time.hpp"
#include "json_reply.hpp"
#include "processing_delay.hpp"
#include "request_log.hpp"
#include "request_recording.hpp"
#include "routes.hpp"
#include "tls_serving.hpp"
#include "uplink_limit.hpp"

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <thread>

namespace {

using namespace bmx::devserver;
using namespace std::chrono_literals;

// Enough workers that concurrent uploads really run concurrently, even with --latency-ms.
constexpr std::size_t worker_threads = 32;
// After stop(), open keep-alive connections may hold workers briefly; never longer than this.
constexpr auto shutdown_grace = 3s;

void configure(httplib::Server& server, ApiRoutes& api_routes, DevserverContext& context) {
  server.new_task_queue = [] { return new httplib::ThreadPool(worker_threads); };
  server.set_keep_alive_max_count(100);
  server.set_exception_handler(
      [](const httplib::Request&, httplib::Response& response, std::exception_ptr error) {
        std::string what = "internal error";
        try {
          std::rethrow_exception(error);
        } catch (const std::exception& exception) {
          what = exception.what();
        } catch (...) {
        }
        reply_detail(response, 500, what);
      });

  install_request_recording(server, context.request_log,
                            std::chrono::milliseconds(context.options.latency_ms));
  add_inspection_routes(server, context);
  add_redirect_routes(server, context);
  add_health_routes(api_routes, context);
  add_book_routes(api_routes, context);
  add_image_routes(api_routes, context);
  add_image_edit_routes(api_routes, context);
  add_image_file_routes(api_routes, context);
  add_job_routes(api_routes, context);
  add_cdn_routes(server, context);
  add_trailing_slash_routes(server, api_routes);
  add_not_found_routes(server);
}

// --cdn-host: the CDN origin, a plain server of its own that knows only /images/ (and records
// what it received, for /_dev/cdn).
void configure_cdn(httplib::Server& cdn, RequestLog& cdn_log, DevserverContext& context) {
  cdn.new_task_queue = [] { return new httplib::ThreadPool(worker_threads); };
  install_request_recording(cdn, cdn_log, std::chrono::milliseconds(0));
  add_cdn_routes(cdn, context);
  add_not_found_routes(cdn);
}

// The bound port, or -1.
int bind_server(httplib::Server& server, const DevserverOptions& options) {
  const std::string address = bmx::testpeer::bind_address_for(options.host);
  if (options.port == 0) return server.bind_to_any_port(address);
  return server.bind_to_port(address, options.port) ? options.port : -1;
}

}  // namespace

int main(int argc, char** argv) {
  const ParsedOptions parsed = parse_devserver_options(argc, argv);
  if (!parsed.options) return parsed.exit_code;
  const DevserverOptions& options = *parsed.options;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(options.exit_after_seconds);

  bmx::testpeer::block_shutdown_signals();

  // The CDN's port is known before the catalog, which writes it into every image URL.
  httplib::Server cdn;
  std::string image_base = options.image_base;
  std::string cdn_origin;
  if (!options.cdn_host.empty()) {
    const int cdn_port = cdn.bind_to_any_port(bmx::testpeer::bind_address_for(options.cdn_host));
    if (cdn_port < 0) {
      std::fprintf(stderr, "bmx-devserver: --cdn-host: cannot listen on %s\n", options.cdn_host.c_str());
      return 1;
    }
    cdn_origin = bmx::testpeer::http_origin(options.cdn_host, cdn_port);
    if (image_base.empty()) image_base = cdn_origin;
  }
  Catalog catalog(options.books, options.seed_image_books, image_base);
  RequestLog request_log;
  RequestLog cdn_log;
  FaultPlan faults(options);
  ProcessingDelay processing(options);
  std::optional<UplinkLimit> uplink;
  if (options.uplink_kib_per_second > 0) uplink.emplace(options.uplink_kib_per_second * 1024);
  DevserverContext context{options, catalog, request_log, faults, processing, iso8601_utc_now(),
                           uplink ? &*uplink : nullptr};

  std::unique_ptr<httplib::Server> serving = make_server(options, uplink ? &*uplink : nullptr);
  httplib::Server& server = *serving;
  if (!server.is_valid()) {
    std::fprintf(stderr, "bmx-devserver: --tls: cannot load the certificate %s with the key %s\n",
                 options.tls_cert.c_str(), options.tls_key.c_str());
    return 1;
  }
  context.tls = tls_context_of(server);
  if (!options.cdn_host.empty()) {
    context.cdn_log = &cdn_log;
    configure_cdn(cdn, cdn_log, context);
  }
  ApiRoutes api_routes(server);
  configure(server, api_routes, context);
  const int port = bind_server(server, options);
  if (port < 0) {
    std::fprintf(stderr, "bmx-devserver: cannot listen on %s port %d\n", options.host.c_str(),
                 options.port);
    return 1;
  }
  std::string origin = bmx::testpeer::http_origin(options.host, port);
  if (context.tls) origin.insert(4, "s");  // https://
  std::printf("bmx-devserver listening on %s\n", origin.c_str());
  if (!options.cdn_host.empty()) std::printf("bmx-devserver CDN on %s\n", cdn_origin.c_str());
  std::fflush(stdout);

  std::atomic<bool> listening_ended{false};
  std::thread listener([&] {
    server.listen_after_bind();
    listening_ended = true;
  });
  std::atomic<bool> cdn_ended{options.cdn_host.empty()};
  std::thread cdn_listener;
  if (!options.cdn_host.empty()) cdn_listener = std::thread([&] {
    cdn.listen_after_bind();
    cdn_ended = true;
  });

  const auto reason = bmx::testpeer::wait_for_shutdown(deadline, [&] { return listening_ended.load(); });
  server.stop();
  cdn.stop();

  const auto give_up_at = std::chrono::steady_clock::now() + shutdown_grace;
  while (!(listening_ended && cdn_ended) && std::chrono::steady_clock::now() < give_up_at) {
    std::this_thread::sleep_for(20ms);
  }
  if (!(listening_ended && cdn_ended)) {
    // A client is still holding a connection open; the promise to exit wins.
    std::fflush(nullptr);
    std::_Exit(0);
  }
  listener.join();
  if (cdn_listener.joinable()) cdn_listener.join();
  return reason == bmx::testpeer::ShutdownReason::finished ? 1 : 0;
}
