// The help command: `bmx-api help [COMMAND]` prints what `bmx-api [COMMAND] --help` prints.
#include "help_command.hpp"

#include <cstdio>

#include <fmt/format.h>

#include "command_words.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"
#include "request/build_request.hpp"

namespace bmx::cli {
namespace {

int print_help_text(const std::string& text) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return std::fflush(stdout) == 0 ? int{exit_ok} : int{exit_output};
}

}  // namespace

CLI::App* add_help_command(CLI::App& app, std::string& topic) {
    CLI::App* help = app.add_subcommand("help", "Print this help, or a command's: the same as --help");
    help->add_option("COMMAND", topic, "The command to describe");
    return help;
}

int run_help(const CLI::App& app, const CLI::App& help, const std::string& topic) {
    // `help upload` is parsed as the help command followed by the upload command, so the topic
    // is either help's own word (`help nosuch`, `help GET`) or the next command given.
    std::string wanted = topic;
    for (const CLI::App* command : app.get_subcommands())
        if (wanted.empty() && command != &help) wanted = command->get_name();
    if (wanted.empty() || request::parse_method(wanted))  // requests are the program's own form
        return print_help_text(app.get_formatter()->make_help(&app, app.get_name(), CLI::AppFormatMode::Normal));
    const CLI::App* command = nullptr;
    for (const CLI::App* candidate : app.get_subcommands([](const CLI::App*) { return true; }))
        if (candidate->get_name() == wanted) command = candidate;
    if (command == nullptr) {
        auto unknown = unknown_first_word(app, wanted);
        return usage_error(fmt::format("help: {}", unknown.value_or("unknown command '" + wanted + "'")));
    }
    return print_help_text(command->help(app.get_name()));
}

}  // namespace bmx::cli
