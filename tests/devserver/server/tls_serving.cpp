// Picks the httplib server class for --tls and --uplink-kib-per-second, and reads OpenSSL's counters.
#include "tls_serving.hpp"

namespace bmx::devserver {

std::unique_ptr<httplib::Server> make_server(const DevserverOptions& options, UplinkLimit* uplink) {
  const bool tls = !options.tls_cert.empty();
  if (tls && uplink) return std::make_unique<UplinkLimitedTlsServer>(options.tls_cert, options.tls_key, *uplink);
  if (tls) return std::make_unique<httplib::SSLServer>(options.tls_cert.c_str(), options.tls_key.c_str());
  if (uplink) return std::make_unique<UplinkLimitedServer>(*uplink);
  return std::make_unique<httplib::Server>();
}

SSL_CTX* tls_context_of(httplib::Server& server) {
  auto* tls = dynamic_cast<httplib::SSLServer*>(&server);
  return tls ? tls->ssl_context() : nullptr;
}

void add_tls_stats(SSL_CTX* context, nlohmann::json& stats) {
  if (context == nullptr) return;
  stats["tls_handshakes"] = SSL_CTX_sess_accept_good(context);
  stats["tls_resumed"] = SSL_CTX_sess_hits(context);
}

}  // namespace bmx::devserver
