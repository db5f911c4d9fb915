// Resolves the environment and its key together.
#include "env/api_context.hpp"

#include <fmt/format.h>

#include "core/message_safety.hpp"
#include "core/text.hpp"

namespace bmx::env {

namespace {

// "https://staging.api.bluemoxon.com" of a base URL: scheme, host and port, never userinfo.
std::string origin_text(const std::string& base_url) {
    std::string url = hide_url_userinfo(base_url);
    auto scheme_end = url.find("://");
    if (scheme_end == std::string::npos) return url;
    auto path_start = url.find('/', scheme_end + 3);
    return path_start == std::string::npos ? url : url.substr(0, path_start);
}

// The proxy variable libcurl would use for a plain-http base URL (http_proxy, then ALL_PROXY or
// all_proxy; libcurl reads no HTTP_PROXY), when the base URL is plain http and one is set.
std::optional<std::string> proxy_passed_by(const Environment& environment, const ProcessEnv& process_env) {
    if (!starts_with_ci(environment.base_url, "http://")) return std::nullopt;
    for (const char* variable : {"http_proxy", "ALL_PROXY", "all_proxy"})
        if (process_env.get(variable)) return std::string(variable);
    return std::nullopt;
}

}  // namespace

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
    std::vector<std::string> route_notes;
    if (auto proxy = proxy_passed_by(*environment, process_env))
        route_notes.push_back(fmt::format("{} is set, but plain-http requests to the API at {} go direct, with or without "
                                          "the key: a proxy would read the key in clear text",
                                          *proxy, origin_text(environment->base_url)));
    return ApiContext{std::move(*environment), std::move(*key), std::move(route_notes)};
}

std::string describe_key_for_401(const ApiContext& context) {
    const KeyLookup& key = context.key;
    const Environment& environment = context.environment;
    // Only the built-in base URLs are "the staging API" or "the prod API"; a --base-url, a
    // BMX_BASE_URL or an --env server is named by its origin.
    if (key.key && environment.base_url_source == "built-in")
        return fmt::format("the {} API refused the key from {}; check that it is the {} key and still valid",
                           environment.name, key.source, environment.name);
    if (key.key)
        return fmt::format("the API at {} refused the key from {}; check that it is the key for that server and still valid",
                           origin_text(environment.base_url), key.source);
    return fmt::format("no API key was sent: looked in {}", key.tried);
}

}  // namespace bmx::env
