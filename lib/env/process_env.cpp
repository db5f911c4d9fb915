// Environment-variable lookups, from the process or from a map.
#include "env/process_env.hpp"

#include <cstdlib>

namespace bmx::env {
namespace {

constexpr const char* api_key_variable = "BMX_API_KEY";

// BMX_API_KEY once hide_api_key_variable() has taken it out of the environment.
struct HiddenKey {
    bool taken = false;
    std::optional<std::string> value;
};
HiddenKey& hidden_key() {
    static HiddenKey key;
    return key;
}

}  // namespace

void ProcessEnv::hide_api_key_variable() {
    HiddenKey& key = hidden_key();
    if (key.taken) return;
    if (const char* value = std::getenv(api_key_variable)) key.value = std::string(value);
    ::unsetenv(api_key_variable);
    key.taken = true;
}

ProcessEnv ProcessEnv::system() {
    return ProcessEnv([](const std::string& name) -> std::optional<std::string> {
        if (name == api_key_variable && hidden_key().taken) return hidden_key().value;
        const char* value = std::getenv(name.c_str());
        if (value == nullptr) return std::nullopt;
        return std::string(value);
    });
}

ProcessEnv ProcessEnv::from_map(std::map<std::string, std::string> variables) {
    return ProcessEnv([variables = std::move(variables)](const std::string& name) -> std::optional<std::string> {
        auto found = variables.find(name);
        if (found == variables.end()) return std::nullopt;
        return found->second;
    });
}

std::optional<std::string> ProcessEnv::get(const std::string& name) const {
    auto value = lookup_(name);
    if (!value || value->empty()) return std::nullopt;
    return value;
}

}  // namespace bmx::env
