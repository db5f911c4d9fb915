// Small pieces every command shares: the environment choice and usage errors.
#include "commands.hpp"
#include "exit_codes.hpp"
#include "output.hpp"

namespace bmx::cli {

env::EnvironmentChoice environment_choice(const GlobalOptions& global) {
    return env::EnvironmentChoice{global.prod, global.env_name, global.base_url};
}

int usage_error(const std::string& message) {
    print_error(Error{"usage", message});
    return exit_usage;
}

}  // namespace bmx::cli
