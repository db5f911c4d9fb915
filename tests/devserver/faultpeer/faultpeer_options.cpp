// The bmx-faultpeer command line as a plain options struct, and the parser that fills it.
#include "faultpeer_options.hpp"

#include "../common/loopback_host.hpp"

#include <CLI/CLI.hpp>

#include <map>
#include <vector>

namespace bmx::faultpeer {

namespace {

constexpr const char* description =
    "bmx-faultpeer: a raw-socket TEST PEER that breaks connections on purpose, for\n"
    "bmx-api's network fault tests. Loopback only; exits by itself after\n"
    "--exit-after-seconds. Prints 'bmx-faultpeer listening on http://HOST:PORT' once\n"
    "ready, one line per connection on stderr, and with --log one JSON line per\n"
    "connection: {\"n\", \"action\", \"bytes_received\"}.\n"
    "The first --count connections get the fault; later ones are relayed to\n"
    "127.0.0.1:--upstream-port if given, else faulted too.";

}  // namespace

const char* mode_name(FaultMode mode) {
  switch (mode) {
    case FaultMode::reset: return "reset";
    case FaultMode::reset_midway: return "reset-midway";
    case FaultMode::hang: return "hang";
    case FaultMode::trickle: return "trickle";
    case FaultMode::close: return "close";
    case FaultMode::huge_body: return "huge-body";
    case FaultMode::gzip_bomb: return "gzip-bomb";
    case FaultMode::zstd_bomb: return "zstd-bomb";
    case FaultMode::long_header: return "long-header";
    case FaultMode::long_status: return "long-status";
    case FaultMode::bad_redirect: return "bad-redirect";
    case FaultMode::deep_json: return "deep-json";
    case FaultMode::many_values: return "many-values";
    case FaultMode::echo_key: return "echo-key";
  }
  return "unknown";
}

ParsedOptions parse_faultpeer_options(int argc, char** argv) {
  CLI::App app{description, "bmx-faultpeer"};
  FaultpeerOptions options;
  int upstream_port = 0;
  const std::map<std::string, FaultMode> modes{{"reset", FaultMode::reset},
                                               {"reset-midway", FaultMode::reset_midway},
                                               {"hang", FaultMode::hang},
                                               {"trickle", FaultMode::trickle},
                                               {"close", FaultMode::close},
                                               {"huge-body", FaultMode::huge_body},
                                               {"gzip-bomb", FaultMode::gzip_bomb},
                                               {"zstd-bomb", FaultMode::zstd_bomb},
                                               {"long-header", FaultMode::long_header},
                                               {"long-status", FaultMode::long_status},
                                               {"bad-redirect", FaultMode::bad_redirect},
                                               {"deep-json", FaultMode::deep_json},
                                               {"many-values", FaultMode::many_values},
                                               {"echo-key", FaultMode::echo_key}};

  std::string mode;
  std::vector<std::string> mode_names;
  for (const auto& [name, value] : modes) mode_names.push_back(name);
  app.add_option("--mode", mode,
                 "reset | reset-midway | hang | trickle | close | huge-body | gzip-bomb | zstd-bomb | "
                 "long-header | long-status | bad-redirect | deep-json | many-values | echo-key")
      ->required()
      ->type_name("MODE")
      ->check(CLI::IsMember(mode_names).description(""));
  app.add_option("--host", options.host, "Loopback address to listen on")
      ->capture_default_str()
      ->check([](const std::string& host) {
        return testpeer::is_loopback_host(host)
                   ? std::string{}
                   : "refusing non-loopback host '" + host + "' (use 127.0.0.0/8, ::1 or localhost)";
      });
  app.add_option("--port", options.port, "Port; 0 picks a free one")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  app.add_option("--upstream-port", upstream_port,
                 "Relay connections after the first --count to 127.0.0.1:P")
      ->check(CLI::Range(1, 65535));
  app.add_option("--count", options.count, "How many connections get the fault")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  app.add_option("--exit-after-seconds", options.exit_after_seconds,
                 "Exit by itself after this many seconds")
      ->capture_default_str()
      ->check(CLI::Range(1, 86400));
  app.add_option("--log", options.log_path, "Append one JSON line per connection to FILE");
  app.add_option("--trickle-ms", options.trickle_ms, "Delay between bytes in trickle mode")
      ->capture_default_str()
      ->check(CLI::Range(0, 10000));

  app.add_flag("--declare-length", options.declare_length,
               "huge-body: send a Content-Length (a HEAD gets the headers alone) instead of chunks; gzip-bomb: "
               "compress the body first and send its compressed size as the Content-Length");
  app.add_option("--location", options.location, "bad-redirect: the Location to redirect to")
      ->capture_default_str();
  app.add_option("--status", options.status, "deep-json: the HTTP status it answers with")
      ->capture_default_str()
      ->check(CLI::Range(200, 599));
  app.add_option("--body-mib", options.body_mib,
                 "huge-body, gzip-bomb, zstd-bomb: MiB of decoded body; 0 sends until the client leaves")
      ->capture_default_str()
      ->check(CLI::Range(0, 1 << 20));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    // app.exit prints the help or the problem; usage errors exit 2 like other CLIs.
    return {std::nullopt, app.exit(error) == 0 ? 0 : 2};
  }
  options.mode = modes.at(mode);
  if (upstream_port != 0) options.upstream_port = upstream_port;
  return {options, 0};
}

}  // namespace bmx::faultpeer
