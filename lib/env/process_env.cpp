// Environment-variable lookups, from the process or from a map.
#include "env/process_env.hpp"

#include <cstdlib>

namespace bmx::env {

ProcessEnv ProcessEnv::system() {
    return ProcessEnv([](const std::string& name) -> std::optional<std::string> {
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
