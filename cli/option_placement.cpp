// Finds options written before the command they belong to, from argv, before CLI11 parses it.
#include "option_placement.hpp"

#include <fmt/format.h>

#include "completion_script.hpp"
#include "global_options.hpp"

namespace bmx::cli {
namespace {

struct OptionWord {
    std::string name;  // "--parallel", "-v"
};

// "--parallel=3" and "--parallel" name "--parallel"; a single dash is a short option.
std::optional<std::string> option_name(const std::string& word) {
    if (word.size() < 2 || word[0] != '-' || word == "--") return std::nullopt;
    if (word[1] != '-') return word.substr(0, 2);
    return word.substr(0, word.find('='));
}

bool takes_value(const CLI::Option* option) { return option != nullptr && option->get_items_expected_min() > 0; }

const CLI::App* named_command(const CLI::App& app, const std::string& word) {
    for (const CLI::App* command : app.get_subcommands([](const CLI::App* s) { return !s->get_name().empty(); }))
        if (command->check_name(word)) return command;
    return nullptr;
}

// The option of that name on any command, for whether it takes the next word as its value.
const CLI::Option* option_on_any_command(const CLI::App& app, const std::string& name) {
    for (const CLI::App* command : app.get_subcommands([](const CLI::App* s) { return !s->get_name().empty(); }))
        if (const CLI::Option* option = command->get_option_no_throw(name)) return option;
    return nullptr;
}

// Declared on both, bound to the same value: a global option, or a scripting option the
// command declares again (verify's --jq).
bool means_the_same_before(const CLI::App& app, const std::string& name, const CLI::Option& on_command) {
    const CLI::Option* on_program = app.get_option_no_throw(name);  // (a hidden option's get_name() is empty)
    if (on_program == nullptr) return false;
    return on_program->get_group() == global_options_group || on_command.get_group() == shared_scripting_group;
}

}  // namespace

std::vector<std::string> command_line_words(int argc, const char* const* argv) {
    std::vector<std::string> words;
    for (int i = 1; i < argc; ++i) words.emplace_back(argv[i]);
    return words;
}

std::optional<std::string> option_before_its_command(const CLI::App& app, const std::vector<std::string>& words) {
    std::vector<OptionWord> before;
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string& word = words[i];
        if (word == "--") return std::nullopt;
        if (auto name = option_name(word)) {
            const CLI::Option* option = app.get_option_no_throw(*name);
            if (option == nullptr) option = option_on_any_command(app, *name);
            bool inline_value = word.find('=') != std::string::npos;
            if (takes_value(option) && !inline_value && name->size() == word.size()) ++i;  // its value
            before.push_back({*name});
            continue;
        }
        // The first word that is not an option decides: a command's name, or a METHOD.
        const CLI::App* command = named_command(app, word);
        if (command == nullptr) return std::nullopt;
        for (const OptionWord& given : before) {
            const CLI::Option* on_command = command->get_option_no_throw(given.name);
            if (on_command == nullptr || means_the_same_before(app, given.name, *on_command)) continue;
            return fmt::format("{} is an option of '{}': put it after '{}'", given.name, command->get_name(),
                               command->get_name());
        }
        return std::nullopt;
    }
    return std::nullopt;
}

}  // namespace bmx::cli
