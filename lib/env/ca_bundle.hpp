// The CA bundle requests trust: --cacert FILE, else BMX_CA_BUNDLE, else the system's store.
#pragma once

#include <string>

#include "core/result.hpp"
#include "env/process_env.hpp"

namespace bmx::env {

// As curl's --cacert and CURL_CA_BUNDLE: a bundle given replaces the system's store (the only
// CAs trusted are the ones in the file); verification of the peer and its name stays on.
struct CaBundle {
    std::string path;    // a PEM file; empty: libcurl's default store, the system's
    std::string source;  // "--cacert", "BMX_CA_BUNDLE" or "system default"
};

inline constexpr const char* system_ca_source = "system default";

// The option beats the variable. A file given that cannot be read is stage "config" before
// anything is sent; whether it holds certificates libcurl can use is known at the first https
// request (stage "tls").
Result<CaBundle> resolve_ca_bundle(const std::string& option_value, const ProcessEnv& process_env);

}  // namespace bmx::env
