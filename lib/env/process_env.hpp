// ProcessEnv: reads environment variables through a seam, so tests can supply their own.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>

namespace bmx::env {

class ProcessEnv {
public:
    using Lookup = std::function<std::optional<std::string>(const std::string&)>;

    explicit ProcessEnv(Lookup lookup) : lookup_(std::move(lookup)) {}

    // The real environment of this process.
    static ProcessEnv system();

    // Takes BMX_API_KEY out of the process environment, keeping its value for system() alone,
    // so that nothing else that reads the environment sees the key: jq's $ENV and `env`, and any
    // child process. Call it first thing in main(), before any thread starts (unsetenv is not
    // thread-safe). Later calls do nothing.
    static void hide_api_key_variable();

    // A fixed set of variables, for tests.
    static ProcessEnv from_map(std::map<std::string, std::string> variables);

    // The variable's value; an unset or empty variable is nullopt.
    std::optional<std::string> get(const std::string& name) const;

private:
    Lookup lookup_;
};

}  // namespace bmx::env
