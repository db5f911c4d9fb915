// Everything a route handler may touch, passed as one value instead of a long argument list.
#pragma once

#include "catalog.hpp"
#include "devserver_options.hpp"
#include "fault_plan.hpp"
#include "processing_delay.hpp"
#include "request_log.hpp"
#include "uplink_limit.hpp"

#include <openssl/ssl.h>

#include <string>

namespace bmx::devserver {

struct DevserverContext {
  const DevserverOptions& options;
  Catalog& catalog;
  RequestLog& request_log;
  FaultPlan& faults;
  ProcessingDelay& processing;
  std::string deployed_at;  // ISO-8601, fixed at start like a real deployment's.
  const UplinkLimit* uplink = nullptr;  // with --uplink-kib-per-second
  SSL_CTX* tls = nullptr;               // with --tls: the server's context, for its handshake counts
  RequestLog* cdn_log = nullptr;        // with --cdn-host: what the CDN listener received
};

}  // namespace bmx::devserver
