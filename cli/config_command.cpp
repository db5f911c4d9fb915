// The config command: shows the environment, base URL, key source (never the key) and CA bundle.
#include "commands.hpp"
#include "exit_codes.hpp"
#include "output.hpp"
#include "env/api_context.hpp"
#include "status/config_report.hpp"
#include "upload/upload_limit.hpp"
#include "upload/upload_record.hpp"

namespace bmx::cli {

void add_config_command(CLI::App& app, const GlobalOptions& global, CommandRun& run) {
    CLI::App* config = app.add_subcommand("config", "Show the environment, base URL, key source (never the key) and CA bundle");
    config->callback([&global, &run] {
        run = [&global] {
            if (auto misplaced = misplaced_request_options(global, "config"); !misplaced.empty()) return usage_error(misplaced);
            if (auto misplaced = misplaced_ci_options(global.ci, "config"); !misplaced.empty()) return usage_error(misplaced);
            const env::ProcessEnv process_env = env::ProcessEnv::system();
            auto context = env::resolve_api_context(environment_choice(global), process_env);
            if (!context) {
                print_error(context.error());
                return exit_code_for(context.error());
            }
            auto limit = upload::resolve_upload_limit(std::nullopt, process_env, context->environment);
            if (!limit) return usage_error(limit.error().message);
            print_json(status::config_report(*context, *limit, upload::default_record_dir(process_env)));
            return int{exit_ok};
        };
    });
}

}  // namespace bmx::cli
