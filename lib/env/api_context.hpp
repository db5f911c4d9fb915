// ApiContext: the environment and key a command talks to, resolved once.
#pragma once

#include "env/api_key.hpp"
#include "env/environment.hpp"

#include <string>
#include <vector>

namespace bmx::env {

struct ApiContext {
    Environment environment;
    KeyLookup key;
    // What a person should know about how requests travel, printed as notes: a proxy from the
    // environment that plain-http requests to the API do not use.
    std::vector<std::string> route_notes;
};

Result<ApiContext> resolve_api_context(const EnvironmentChoice& choice, const ProcessEnv& process_env);

// Words for a 401: which key source was tried, so the user knows what to fix.
std::string describe_key_for_401(const ApiContext& context);

}  // namespace bmx::env
