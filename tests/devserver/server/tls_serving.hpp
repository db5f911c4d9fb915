// --tls CERT KEY: which httplib server the dev server runs (http or https, with or without the
// uplink limit), and the TLS handshake counts /_dev/stats reports.
#pragma once

#include "devserver_options.hpp"
#include "uplink_limit.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <openssl/ssl.h>

#include <memory>

namespace bmx::devserver {

// The server for the options; under --tls check is_valid() (the certificate and key loaded).
std::unique_ptr<httplib::Server> make_server(const DevserverOptions& options, UplinkLimit* uplink);

// The server's SSL_CTX when it serves https, else nullptr.
SSL_CTX* tls_context_of(httplib::Server& server);

// tls_handshakes: handshakes completed in server mode (SSL_CTX_sess_accept_good, resumed ones
// included); tls_resumed: those that resumed a session (SSL_CTX_sess_hits).
void add_tls_stats(SSL_CTX* context, nlohmann::json& stats);

}  // namespace bmx::devserver
