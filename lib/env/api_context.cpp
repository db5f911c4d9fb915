// Resolves the environment and its key together.
#include "env/api_context.hpp"

#include <fmt/format.h>

namespace bmx::env {

Result<ApiContext> resolve_api_context(const EnvironmentChoice& choice, const ProcessEnv& process_env) {
    auto environment = resolve_environment(choice, process_env);
    if (!environment) return environment.take_error();
    auto key = find_api_key(*environment, process_env);
    if (!key) return key.take_error();
    return ApiContext{std::move(*environment), std::move(*key)};
}

std::string describe_key_for_401(const ApiContext& context) {
    const KeyLookup& key = context.key;
    if (key.key)
        return fmt::format("the {} API refused the key from {}; check that it is the {} key and still valid",
                           context.environment.name, key.source, context.environment.name);
    return fmt::format("no API key was sent: looked in {}", key.tried);
}

}  // namespace bmx::env
