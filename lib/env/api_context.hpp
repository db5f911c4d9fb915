// ApiContext: the environment and key a command talks to, resolved once.
#pragma once

#include "env/api_key.hpp"
#include "env/environment.hpp"

namespace bmx::env {

struct ApiContext {
    Environment environment;
    KeyLookup key;
};

Result<ApiContext> resolve_api_context(const EnvironmentChoice& choice, const ProcessEnv& process_env);

// Words for a 401: which key source was tried, so the user knows what to fix.
std::string describe_key_for_401(const ApiContext& context);

}  // namespace bmx::env
