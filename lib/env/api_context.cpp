// Resolves the environment and its key together.
#include "env/api_context.hpp"

#include <fmt/format.h>

namespace bmx::env {

Result<ApiContext> resolve_api_context(const EnvironmentChoice& choice, const ProcessEnv& process_env) {
    auto environment = resolve_environment(choice, process_env);
    if (!environment) return environment.take_error();
    auto key = find_api_key(*environment, process_env);
    if (!key) return key.take_error();
    // An exported BMX_BASE_URL (a local or staging server, say) outlives the shell it was meant
    // for; under --prod it would receive the production key without a word. It still goes there,
    // as asked, but not silently.
    if (environment->name == "prod" && environment->base_url_source == "BMX_BASE_URL" &&
        environment->base_url != prod_base_url && key->key)
        key->warnings.push_back(fmt::format("the production key goes to BMX_BASE_URL ({}), not to {}: unset BMX_BASE_URL "
                                            "to use production, or give --base-url to mean it",
                                            environment->base_url, prod_base_url));
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
