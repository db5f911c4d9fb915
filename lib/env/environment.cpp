// Picks the environment and its base URL from --prod, --env, --base-url and BMX_BASE_URL.
#include "env/environment.hpp"

#include <fmt/format.h>

#include "core/text.hpp"
#include "core/file_read.hpp"

namespace bmx::env {
namespace {

std::string without_trailing_slash(std::string url) {
    while (!url.empty() && url.back() == '/') url.pop_back();
    return url;
}

bool is_valid_env_name(const std::string& name) {
    if (name.empty() || name.size() > 64) return false;
    for (char c : name) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                  c == '_' || c == '.';
        if (!ok) return false;
    }
    return name != "." && name != "..";
}

Status check_url_shape(const std::string& url, const std::string& source) {
    if (url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0) return Ok{};
    return make_error(Stage::usage, fmt::format("{} must start with https:// or http:// (got '{}')", source, url));
}

}  // namespace

std::filesystem::path config_dir(const ProcessEnv& process_env) {
    if (auto dir = process_env.get("BMX_CONFIG_DIR")) return *dir;
    if (auto home = process_env.get("HOME")) return std::filesystem::path(*home) / ".bmx";
    return ".bmx";
}

std::string expected_server_environment(const Environment& environment) {
    if (environment.name == "prod") return "production";
    return environment.name;
}

Result<Environment> resolve_environment(const EnvironmentChoice& choice, const ProcessEnv& process_env) {
    Environment environment;
    environment.config_dir = config_dir(process_env);

    if (choice.prod && !choice.name.empty() && choice.name != "prod")
        return make_error(Stage::usage, fmt::format("production and environment '{}' were both chosen; choose one", choice.name));
    environment.name = choice.prod ? "prod" : (choice.name.empty() ? "staging" : choice.name);
    if (environment.name == "production") environment.name = "prod";
    if (!is_valid_env_name(environment.name))
        return make_error(Stage::usage, fmt::format("environment name '{}' may use only letters, digits, '-', '_' and '.'",
                                               environment.name));

    if (!choice.base_url_override.empty()) {
        environment.base_url = choice.base_url_override;
        environment.base_url_source = "--base-url";
    } else if (auto from_variable = process_env.get("BMX_BASE_URL")) {
        environment.base_url = *from_variable;
        environment.base_url_source = "BMX_BASE_URL";
    } else if (environment.name == "staging") {
        environment.base_url = staging_base_url;
        environment.base_url_source = "built-in";
    } else if (environment.name == "prod") {
        environment.base_url = prod_base_url;
        environment.base_url_source = "built-in";
    } else {
        auto url_file = environment.config_dir / (environment.name + ".url");
        auto contents = read_small_file(url_file, 4096);
        if (!contents)
            return make_error(Stage::usage, fmt::format("environment '{}' has no base URL: give one on the command line, set BMX_BASE_URL, "
                                                   "or write the URL to {}",
                                                   environment.name, url_file.string()));
        environment.base_url = std::string(trim(strip_utf8_bom(*contents)));
        environment.base_url_source = url_file.string();
    }

    environment.base_url = without_trailing_slash(environment.base_url);
    if (auto shape = check_url_shape(environment.base_url, environment.base_url_source); !shape) return shape.take_error();
    auto ca_bundle = resolve_ca_bundle(choice.ca_bundle_override, process_env);
    if (!ca_bundle) return ca_bundle.take_error();
    environment.ca_bundle = std::move(*ca_bundle);
    return environment;
}

}  // namespace bmx::env
