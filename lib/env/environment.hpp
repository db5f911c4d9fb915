// Environments: which API bmx-api talks to (staging, prod or another) and at which base URL.
#pragma once

#include <filesystem>
#include <string>

#include "core/result.hpp"
#include "env/ca_bundle.hpp"
#include "env/process_env.hpp"

namespace bmx::env {

inline constexpr const char* staging_base_url = "https://staging.api.bluemoxon.com/api/v1";
inline constexpr const char* prod_base_url = "https://api.bluemoxon.com/api/v1";

struct EnvironmentChoice {
    bool prod = false;              // --prod
    std::string name;               // --env NAME
    std::string base_url_override;  // --base-url URL
    std::string ca_bundle_override; // --cacert FILE
};

struct Environment {
    std::string name;             // "staging", "prod" or the --env name; also the key file's stem
    std::string base_url;         // without a trailing slash
    std::string base_url_source;  // "built-in", "--base-url", "BMX_BASE_URL" or a .url file's path
    std::filesystem::path config_dir;
    CaBundle ca_bundle;           // the CAs https requests to it (and its redirects) trust
};

// The name verify expects in /health/version's "environment" field.
std::string expected_server_environment(const Environment& environment);

std::filesystem::path config_dir(const ProcessEnv& process_env);

Result<Environment> resolve_environment(const EnvironmentChoice& choice, const ProcessEnv& process_env);

}  // namespace bmx::env
