// The completion command: `bmx-api completion bash|zsh|fish` prints that shell's completion script.
#include <cstdio>
#include <memory>

#include "commands.hpp"
#include "completion_script.hpp"
#include "exit_codes.hpp"

namespace bmx::cli {

void add_completion_command(CLI::App& app, const GlobalOptions& global, CommandRun& run) {
    auto shell = std::make_shared<std::string>();
    CLI::App* completion = app.add_subcommand(
        "completion", "Print the bash, zsh or fish completion script, written from this CLI's own definition");
    completion->add_option("SHELL", *shell, "The shell to complete for")
        ->required()
        ->check(CLI::IsMember(std::vector<std::string>{"bash", "zsh", "fish"}));
    completion->callback([shell, &app, &global, &run] {
        run = [shell, &app, &global] {
            if (auto misplaced = misplaced_request_options(global, "completion"); !misplaced.empty())
                return usage_error(misplaced);
            if (auto misplaced = misplaced_ci_options(global.ci, "completion"); !misplaced.empty()) return usage_error(misplaced);
            const Shell chosen = *shell == "zsh" ? Shell::zsh : *shell == "fish" ? Shell::fish : Shell::bash;
            const std::string script = completion_script(app, chosen);
            std::fwrite(script.data(), 1, script.size(), stdout);
            return std::fflush(stdout) == 0 ? int{exit_ok} : int{exit_usage};
        };
    });
}

}  // namespace bmx::cli
