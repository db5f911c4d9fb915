// The config command: shows the environment, base URL and key source, never the key.
#include "commands.hpp"
#include "exit_codes.hpp"
#include "output.hpp"
#include "env/api_context.hpp"
#include "status/config_report.hpp"

namespace bmx::cli {

void add_config_command(CLI::App& app, const GlobalOptions& global, CommandRun& run) {
    CLI::App* config = app.add_subcommand("config", "Show the environment, base URL and key source (never the key)");
    config->callback([&global, &run] {
        run = [&global] {
            if (auto misplaced = misplaced_request_options(global, "config"); !misplaced.empty()) return usage_error(misplaced);
            auto context = env::resolve_api_context(environment_choice(global), env::ProcessEnv::system());
            if (!context) {
                print_error(context.error());
                return exit_code_for(context.error());
            }
            print_json(status::config_report(*context));
            return int{exit_ok};
        };
    });
}

}  // namespace bmx::cli
