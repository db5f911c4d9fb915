// Writes bash, zsh and fish completion scripts by walking the CLI11 app: its commands, their
// options and positionals. The scripts look up environment names when they run, not here.
#include "completion_script.hpp"

#include <algorithm>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "http/http_types.hpp"
#include "request/build_request.hpp"
#include "verify/verify_options.hpp"

namespace bmx::cli {
namespace {

enum class ValueKind { none, file, directory, environment, choice, choice_list };
enum class Arity { flag, value, optional_value };

struct Value {
    ValueKind kind = ValueKind::none;
    std::vector<std::string> choices;
};

struct OptionSpec {
    std::vector<std::string> names;  // "-H", "--header"
    std::string description;
    std::string type;  // the type name --help shows
    Arity arity = Arity::flag;
    bool repeatable = false;
    Value value;
};

struct PositionalSpec {
    std::string name;
    std::string description;
    bool repeatable = false;
    Value value;
};

struct CommandSpec {
    std::string name;  // empty for the program itself, where requests are
    std::string description;
    std::vector<OptionSpec> options;  // its own, then the global ones it does not shadow
    std::size_t own_options = 0;      // how many of options are its own
    std::vector<PositionalSpec> positionals;
};

struct CliSpec {
    std::string program;
    std::vector<OptionSpec> global_options;  // offered after every command that does not shadow them
    CommandSpec root;
    std::vector<CommandSpec> commands;
};

// ---- reading the app ----

std::vector<std::string> split(std::string_view text, char separator) {
    std::vector<std::string> parts;
    for (std::size_t start = 0;;) {
        auto end = text.find(separator, start);
        parts.emplace_back(text.substr(start, end - start));
        if (end == std::string_view::npos) return parts;
        start = end + 1;
    }
}

// The description up to its first "; ": the rest is detail for --help and the man page.
std::string short_description(const std::string& description) {
    auto line = description.substr(0, description.find('\n'));
    return line.substr(0, line.find("; "));
}

bool generic_type(std::string_view type) {
    return type.empty() || type == "TEXT" || type == "INT" || type == "UINT" || type == "FLOAT" || type == "NUMBER" ||
           type == "BOOLEAN";
}

std::vector<std::string> method_choices() {
    std::vector<std::string> names;
    for (http::Method method : request::known_methods) names.emplace_back(http::method_name(method));
    return names;
}

Value value_for(const CLI::Option& option) {
    const auto parts = split(option.get_type_name(), ':');
    for (std::size_t i = 1; i < parts.size(); ++i)  // a CLI::IsMember check describes itself as {a,b,c}
        if (parts[i].size() > 2 && parts[i].front() == '{' && parts[i].back() == '}')
            return {ValueKind::choice, split(std::string_view(parts[i]).substr(1, parts[i].size() - 2), ',')};
    std::string key = parts[0];
    if (option.get_positional() && generic_type(key)) key = option.get_name(true);
    if (key == "FILE") return {ValueKind::file, {}};
    if (key == "DIR") return {ValueKind::directory, {}};
    if (key == "ENV") return {ValueKind::environment, {}};
    if (key == "METHOD") return {ValueKind::choice, method_choices()};
    if (key == "CHECKS") return {ValueKind::choice_list, {verify::check_order.begin(), verify::check_order.end()}};
    return {};
}

OptionSpec option_spec(const CLI::Option& option) {
    OptionSpec spec;
    for (const std::string& name : option.get_snames()) spec.names.push_back("-" + name);
    for (const std::string& name : option.get_lnames()) spec.names.push_back("--" + name);
    spec.description = short_description(option.get_description());
    if (option.get_items_expected_max() == 0) return spec;
    spec.arity = option.get_items_expected_min() == 0 ? Arity::optional_value : Arity::value;
    spec.type = split(option.get_type_name(), ':')[0];
    spec.repeatable = option.get_items_expected_max() > 1;
    spec.value = value_for(option);
    return spec;
}

// The app's visible options, its option groups' (nameless subcommands) included.
std::vector<const CLI::Option*> visible_options(const CLI::App& app) {
    std::vector<const CLI::Option*> options = app.get_options([](const CLI::Option* o) { return !o->get_group().empty(); });
    for (const CLI::App* group : app.get_subcommands([](const CLI::App* s) { return s->get_name().empty(); })) {
        auto more = visible_options(*group);
        options.insert(options.end(), more.begin(), more.end());
    }
    return options;
}

bool shares_a_name(const OptionSpec& a, const OptionSpec& b) {
    return std::any_of(a.names.begin(), a.names.end(),
                       [&](const std::string& name) { return std::count(b.names.begin(), b.names.end(), name) > 0; });
}

CommandSpec command_spec(const CLI::App& app, const std::vector<OptionSpec>& global_options) {
    CommandSpec spec;
    spec.name = app.get_name();
    spec.description = short_description(app.get_description());
    for (const CLI::Option* option : visible_options(app)) {
        if (option->nonpositional()) {
            spec.options.push_back(option_spec(*option));
            continue;
        }
        spec.positionals.push_back({option->get_name(true), short_description(option->get_description()),
                                    option->get_items_expected_max() > 1, value_for(*option)});
    }
    spec.own_options = spec.options.size();
    for (const OptionSpec& global : global_options) {
        bool shadowed = std::any_of(spec.options.begin(), spec.options.end(),
                                    [&](const OptionSpec& own) { return shares_a_name(own, global); });
        // A hidden option of the command (an old name it refuses, like verify's --timeout) also
        // hides the global one of that name after it: it is not offered there.
        bool refused_here = std::any_of(global.names.begin(), global.names.end(), [&](const std::string& name) {
            const CLI::Option* own = app.get_option_no_throw(name);
            return own != nullptr && own->get_group().empty();
        });
        if (!shadowed && !refused_here) spec.options.push_back(global);
    }
    return spec;
}

CliSpec cli_spec(const CLI::App& app) {
    CliSpec cli;
    cli.program = app.get_name();
    for (const CLI::Option* option : visible_options(app))
        if (option->nonpositional() && option->get_group() == global_options_group)
            cli.global_options.push_back(option_spec(*option));
    cli.root = command_spec(app, {});
    cli.root.name.clear();  // before any command: requests
    auto visible_command = [](const CLI::App* s) { return !s->get_name().empty() && !s->get_group().empty(); };
    for (const CLI::App* command : app.get_subcommands(visible_command))
        cli.commands.push_back(command_spec(*command, cli.global_options));
    return cli;
}

std::vector<std::string> command_names(const CliSpec& cli) {
    std::vector<std::string> names;
    for (const CommandSpec& command : cli.commands) names.push_back(command.name);
    return names;
}

std::vector<const CommandSpec*> contexts(const CliSpec& cli) {
    std::vector<const CommandSpec*> all{&cli.root};
    for (const CommandSpec& command : cli.commands) all.push_back(&command);
    return all;
}

std::string function_name(const CliSpec& cli) {
    std::string name = "_" + cli.program;
    std::replace(name.begin(), name.end(), '-', '_');
    return name;
}

std::string joined(const std::vector<std::string>& words) { return fmt::format("{}", fmt::join(words, " ")); }

// Inside single quotes in bash and zsh.
std::string single_quoted(std::string_view text) {
    std::string out = "'";
    for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

// ---- bash ----

std::string bash_value_action(const Value& value, const std::string& function) {
    switch (value.kind) {
        case ValueKind::none: return "";
        case ValueKind::file: return function + "_files";
        case ValueKind::directory: return function + "_files -d";
        case ValueKind::environment: return function + "_words \"$(" + function + "_environments)\"";
        case ValueKind::choice: return function + "_words " + single_quoted(joined(value.choices));
        case ValueKind::choice_list: return function + "_list " + single_quoted(joined(value.choices));
    }
    return "";
}

std::string bash_case_key(const std::string& command, const std::string& word) {
    return "\"" + command + " " + word + "\"";
}

std::string bash_script(const CliSpec& cli) {
    const std::string f = function_name(cli);
    std::string out = fmt::format(R"SH(# bash completion for {0}                                    -*- shell-script -*-
# Written by `{0} completion bash` from the CLI's own definition: do not edit.
# To change it, change the CLI and run scripts/update-completions.sh.

# Environment names: staging, prod, and each NAME.key or NAME.url in the config directory.
{1}_environments()
{{
    local dir=${{BMX_CONFIG_DIR:-$HOME/.bmx}} file
    {{
        printf '%s\n' staging prod
        for file in "$dir"/*.key "$dir"/*.url; do
            [[ -f $file ]] || continue
            file=${{file##*/}}
            printf '%s\n' "${{file%.*}}"
        done
    }} | sort -u
}}

{1}_words()
{{
    local IFS=$'\n'
    COMPREPLY+=($(IFS=$' \t\n' compgen -W "$1" -- "$cur"))
}}

# The last item of a comma-separated list.
{1}_list()
{{
    local prefix=""
    [[ $cur == *,* ]] && prefix=${{cur%,*}},
    COMPREPLY+=($(compgen -P "$prefix" -W "$1" -- "${{cur##*,}}"))
}}

{1}_files()
{{
    if declare -F _filedir >/dev/null; then
        _filedir "$@"
    elif [[ $1 == -d ]]; then
        COMPREPLY+=($(compgen -d -- "$cur"))
    else
        COMPREPLY+=($(compgen -f -- "$cur"))
    fi
}}

# Whether option $2 takes a value after command $1 (empty: before any command).
{1}_takes_value()
{{
    case "$1 $2" in
)SH",
                                  cli.program, f);
    for (const CommandSpec* context : contexts(cli)) {
        std::vector<std::string> keys;
        for (const OptionSpec& option : context->options)
            if (option.arity == Arity::value)
                for (const std::string& name : option.names) keys.push_back(bash_case_key(context->name, name));
        if (!keys.empty()) out += fmt::format("        {}) return 0 ;;\n", fmt::join(keys, "|"));
    }
    out += fmt::format(R"SH(    esac
    return 1
}}

# Completes the value of option $2 after command $1.
{}_value()
{{
    case "$1 $2" in
)SH",
                       f);
    for (const CommandSpec* context : contexts(cli))
        for (const OptionSpec& option : context->options) {
            auto action = bash_value_action(option.value, f);
            if (option.arity == Arity::flag || action.empty()) continue;
            std::vector<std::string> keys;
            for (const std::string& name : option.names) keys.push_back(bash_case_key(context->name, name));
            out += fmt::format("        {}) {} ;;\n", fmt::join(keys, "|"), action);
        }
    out += fmt::format(R"SH(    esac
}}

# The options offered after command $1.
{}_options()
{{
    case $1 in
)SH",
                       f);
    for (const CommandSpec* context : contexts(cli)) {
        std::vector<std::string> names;
        for (const OptionSpec& option : context->options) names.insert(names.end(), option.names.begin(), option.names.end());
        out += fmt::format("        {}) echo {} ;;\n", context->name.empty() ? "\"\"" : context->name, single_quoted(joined(names)));
    }
    out += fmt::format(R"SH(    esac
}}

# Completes positional argument $2 (from 0) of command $1.
{}_positional()
{{
    case "$1 $2" in
)SH",
                       f);
    for (const CommandSpec* context : contexts(cli)) {
        for (std::size_t index = 0; index < context->positionals.size(); ++index) {
            const PositionalSpec& positional = context->positionals[index];
            std::string action = bash_value_action(positional.value, f);
            if (context == &cli.root && index == 0) {
                std::vector<std::string> words = command_names(cli);
                if (positional.value.kind == ValueKind::choice)
                    words.insert(words.end(), positional.value.choices.begin(), positional.value.choices.end());
                action = f + "_words " + single_quoted(joined(words));
            }
            std::string key = positional.repeatable ? "\"" + context->name + " \"*" : bash_case_key(context->name, std::to_string(index));
            out += fmt::format("        {}) {} ;;  # {}\n", key, action.empty() ? ":" : action, positional.name);
        }
        if (context == &cli.root && context->positionals.empty())
            out += fmt::format("        \" 0\") {}_words {} ;;\n", f, single_quoted(joined(command_names(cli))));
    }
    out += fmt::format(R"SH(    esac
}}

{0}()
{{
    local cur prev words cword split=false
    if declare -F _init_completion >/dev/null; then
        _init_completion -s || return
    else
        cur=${{COMP_WORDS[COMP_CWORD]}} prev=${{COMP_WORDS[COMP_CWORD-1]}}
        words=("${{COMP_WORDS[@]}}") cword=$COMP_CWORD
    fi

    local commands={1} command="" position=0 options_end=false i word
    for ((i = 1; i < cword; i++)); do
        word=${{words[i]}}
        if [[ $options_end == false && $word == -- ]]; then
            options_end=true
        elif [[ $options_end == false && $word == -?* ]]; then
            [[ $word != *=* ]] && {0}_takes_value "$command" "$word" && ((i++))
        elif [[ -z $command && $position -eq 0 && " $commands " == *" $word "* ]]; then
            command=$word
        else
            ((position++))
        fi
    done

    if [[ $split == true ]] || ((i > cword)); then
        {0}_value "$command" "$prev"
    elif [[ $options_end == false && $cur == -* ]]; then
        {0}_words "$({0}_options "$command")"
    else
        {0}_positional "$command" "$position"
    fi
}}
complete -F {0} {2}
)SH",
                       f, single_quoted(joined(command_names(cli))), cli.program);
    return out;
}

// ---- zsh ----

// Text inside an _arguments [description] or :message: part.
std::string zsh_text(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '[' || c == ']' || c == ':' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}

std::string zsh_value_action(const Value& value, const std::string& function) {
    switch (value.kind) {
        case ValueKind::none: return " ";
        case ValueKind::file: return "_files";
        case ValueKind::directory: return "_files -/";
        case ValueKind::environment: return function + "_environments";
        case ValueKind::choice: return "(" + joined(value.choices) + ")";
        case ValueKind::choice_list: return "_values -s , item " + joined(value.choices);
    }
    return " ";
}

std::vector<std::string> zsh_option_specs(const OptionSpec& option, const std::string& function) {
    std::vector<std::string> specs;
    std::string exclusions = option.repeatable || option.names.size() < 2 ? "" : "(" + joined(option.names) + ")";
    for (const std::string& name : option.names) {
        bool is_long = name.rfind("--", 0) == 0;
        std::string spec = (option.repeatable ? "*" : exclusions) + name;
        if (option.arity == Arity::value) spec += is_long ? "=" : "+";
        if (option.arity == Arity::optional_value) spec += is_long ? "=-" : "-";
        spec += "[" + zsh_text(option.description) + "]";
        if (option.arity == Arity::value) spec += ":" + zsh_text(option.type) + ":" + zsh_value_action(option.value, function);
        if (option.arity == Arity::optional_value) spec += "::" + zsh_text(option.type) + ":" + zsh_value_action(option.value, function);
        specs.push_back(single_quoted(spec));
    }
    return specs;
}

std::string zsh_arguments(const CommandSpec& context, std::size_t first_positional, const std::string& function,
                          const std::string& indent) {
    std::vector<std::string> specs;
    for (const OptionSpec& option : context.options) {
        auto more = zsh_option_specs(option, function);
        specs.insert(specs.end(), more.begin(), more.end());
    }
    for (std::size_t index = first_positional; index < context.positionals.size(); ++index) {
        const PositionalSpec& positional = context.positionals[index];
        std::string position = positional.repeatable ? "*" : std::to_string(index + 1 - first_positional);
        specs.push_back(single_quoted(position + ":" + zsh_text(positional.name) + ":" + zsh_value_action(positional.value, function)));
    }
    std::string out = "_arguments -s -S";
    for (const std::string& spec : specs) out += " \\\n" + indent + "  " + spec;
    return out;
}

std::string zsh_script(const CliSpec& cli) {
    const std::string f = function_name(cli);
    std::string out = fmt::format(R"SH(#compdef {0}
# zsh completion for {0}.
# Written by `{0} completion zsh` from the CLI's own definition: do not edit.
# To change it, change the CLI and run scripts/update-completions.sh.

# Environment names: staging, prod, and each NAME.key or NAME.url in the config directory.
(( $+functions[{1}_environments] )) ||
{1}_environments() {{
  local dir=${{BMX_CONFIG_DIR:-$HOME/.bmx}} expl
  local -a names
  names=(staging prod $dir/*.(key|url)(N-.:t:r))
  _wanted environments expl environment compadd -- ${{(u)names}}
}}

{1}() {{
  local curcontext=$curcontext state state_descr line ret=1
  typeset -A opt_args
  local -a commands
  commands=(
)SH",
                                  cli.program, f);
    for (const CommandSpec& command : cli.commands)
        out += "    " + single_quoted(zsh_text(command.name) + ":" + command.description) + "\n";
    out += "  )\n\n  ";
    CommandSpec root = cli.root;
    root.positionals.clear();
    out += zsh_arguments(root, 0, f, "  ");
    std::string first = cli.root.positionals.empty() ? "command" : "command or " + zsh_text(cli.root.positionals[0].name);
    out += fmt::format(" \\\n    '1:{}:->first' \\\n    '*:: :->rest' && ret=0\n\n", first);
    out += "  case $state in\n    first)\n      _describe -t commands command commands && ret=0\n";
    if (!cli.root.positionals.empty() && cli.root.positionals[0].value.kind == ValueKind::choice)
        out += fmt::format("      _wanted values expl {} compadd -- {} && ret=0\n", single_quoted(cli.root.positionals[0].name),
                           joined(cli.root.positionals[0].value.choices));
    out += "      ;;\n    rest)\n      curcontext=${curcontext%:*:*}:" + cli.program + "-$words[1]:\n      case $words[1] in\n";
    for (const CommandSpec& command : cli.commands)
        out += fmt::format("        {})\n          {} && ret=0\n          ;;\n", command.name, zsh_arguments(command, 0, f, "          "));
    out += fmt::format("        *)\n          {} && ret=0\n          ;;\n", zsh_arguments(cli.root, 1, f, "          "));
    out += fmt::format(R"SH(      esac
      ;;
  esac
  return ret
}}

{0} "$@"
)SH",
                       f);
    return out;
}

// ---- fish ----

// Quoted for fish: in double quotes when that spares escaping a ' (and nothing expands),
// else in single quotes, where only \\ and \' are special.
std::string fish_quoted(std::string_view text) {
    if (text.find('\'') != std::string_view::npos && text.find_first_of("\"$\\") == std::string_view::npos)
        return "\"" + std::string(text) + "\"";
    std::string out = "'";
    for (char c : text) {
        if (c == '\\' || c == '\'') out += '\\';
        out += c;
    }
    return out + "'";
}

std::string fish_value_arguments(const Value& value, const std::string& function) {
    switch (value.kind) {
        case ValueKind::none: return "-x";
        case ValueKind::file: return "-r -F";
        case ValueKind::directory: return "-x -a '(__fish_complete_directories)'";
        case ValueKind::environment: return "-x -a '(" + function + "_environments)'";
        case ValueKind::choice: return "-x -a " + fish_quoted(joined(value.choices));
        case ValueKind::choice_list: return "-x -a '(" + function + "_list " + joined(value.choices) + ")'";
    }
    return "-x";
}

std::string fish_option_line(const std::string& program, const std::string& condition, const OptionSpec& option,
                             const std::string& function) {
    std::string line = "complete -c " + program;
    if (!condition.empty()) line += " -n " + fish_quoted(condition);
    for (const std::string& name : option.names)
        line += name.rfind("--", 0) == 0 ? " -l " + name.substr(2) : " -s " + name.substr(1);
    if (option.arity == Arity::value) line += " " + fish_value_arguments(option.value, function);
    if (!option.description.empty()) line += " -d " + fish_quoted(option.description);
    return line + "\n";
}

std::string fish_script(const CliSpec& cli) {
    const std::string f = "_" + function_name(cli);
    std::string out = fmt::format(R"SH(# fish completion for {0}.
# Written by `{0} completion fish` from the CLI's own definition: do not edit.
# To change it, change the CLI and run scripts/update-completions.sh.

# Environment names: staging, prod, and each NAME.key or NAME.url in the config directory.
function {1}_environments
    set -l dir $BMX_CONFIG_DIR
    test -n "$dir"; or set dir ~/.bmx
    begin
        printf '%s\n' staging prod
        for file in $dir/*.key $dir/*.url
            test -f $file; and string replace -r '\.(key|url)$' '' -- (path basename -- $file)
        end
    end | sort -u
end

# The last item of a comma-separated list, after the items already given.
function {1}_list
    set -l given (commandline -ct | string replace -r -- '^-[^=]*=' '')
    set -l prefix (string match -r -- '^.*,' $given)
    printf "$prefix%s\n" $argv
end

# Whether option $argv[2] takes a value after command $argv[1] (empty: before any command).
function {1}_takes_value
    switch "$argv[1] $argv[2]"
)SH",
                                  cli.program, f);
    for (const CommandSpec* context : contexts(cli)) {
        std::vector<std::string> keys;
        for (const OptionSpec& option : context->options)
            if (option.arity == Arity::value)
                for (const std::string& name : option.names) keys.push_back(fish_quoted(context->name + " " + name));
        if (!keys.empty()) out += fmt::format("        case {}\n            return 0\n", fmt::join(keys, " "));
    }
    out += fmt::format(R"SH(    end
    return 1
end

# Prints the command on the line so far (an empty line before one), the number of positional
# arguments after it, and "value" when the word being completed is an option's value.
function {0}_state
    set -l tokens (commandline -opc)
    set -l command ''
    set -l position 0
    set -l pending ''
    set -l options_end 0
    for token in $tokens[2..-1]
        if test -n "$pending"
            set pending ''
        else if test $options_end = 0 -a "$token" = --
            set options_end 1
        else if test $options_end = 0; and string match -q -- '-?*' $token
            if not string match -q -- '*=*' $token; and {0}_takes_value "$command" $token
                set pending value
            end
        else if test -z "$command" -a $position = 0; and contains -- $token {1}
            set command $token
        else
            set position (math $position + 1)
        end
    end
    printf '%s\n' "$command" $position "$pending"
end

# Whether the command on the line is one of $argv ('' for none).
function {0}_using
    set -l state ({0}_state)
    contains -- "$state[1]" $argv
end

# Whether the word being completed is positional argument $argv[2] (from 0; N+ for N or
# later) of command $argv[1].
function {0}_position
    set -l state ({0}_state)
    test "$state[1]" = "$argv[1]" -a -z "$state[3]"; or return 1
    if string match -q -- '*+' $argv[2]
        test $state[2] -ge (string trim -c + -- $argv[2])
    else
        test $state[2] -eq $argv[2]
    end
end

complete -c {2} -f
)SH",
                       f, joined(command_names(cli)), cli.program);

    out += "\n# Global options, before or after any command but the ones with their own of that name\n";
    for (const OptionSpec& option : cli.global_options) {
        std::vector<std::string> shadowing;
        for (const CommandSpec& command : cli.commands)
            if (std::none_of(command.options.begin() + static_cast<long>(command.own_options), command.options.end(),
                             [&](const OptionSpec& offered) { return offered.names == option.names; }))
                shadowing.push_back(command.name);
        std::string condition = shadowing.empty() ? "" : "not " + f + "_using " + joined(shadowing);
        out += fish_option_line(cli.program, condition, option, f);
    }
    auto positional_lines = [&](const CommandSpec& command) {
        std::string lines;
        for (std::size_t index = 0; index < command.positionals.size(); ++index) {
            const PositionalSpec& positional = command.positionals[index];
            if (positional.value.kind == ValueKind::none) continue;
            std::string name = command.name.empty() ? "''" : command.name;
            std::string at = f + "_position " + name + " " + std::to_string(index) + (positional.repeatable ? "+" : "");
            std::string arguments = fish_value_arguments(positional.value, f);
            lines += fmt::format("complete -c {} -n {} {} -d {}\n", cli.program, fish_quoted(at),
                                 arguments.substr(arguments.find(' ') + 1), fish_quoted(positional.name));
        }
        return lines;
    };

    out += "\n# Before a command, and for requests\n";
    for (const OptionSpec& option : cli.root.options)
        if (option.names.empty() || std::none_of(cli.global_options.begin(), cli.global_options.end(),
                                                 [&](const OptionSpec& global) { return global.names == option.names; }))
            out += fish_option_line(cli.program, f + "_using ''", option, f);
    for (const CommandSpec& command : cli.commands) {
        std::string line = fmt::format("complete -c {} -n {} -a {}", cli.program, fish_quoted(f + "_position '' 0"), command.name);
        if (!command.description.empty()) line += " -d " + fish_quoted(command.description);
        out += line + "\n";
    }
    out += positional_lines(cli.root);
    for (const CommandSpec& command : cli.commands) {
        out += "\n# " + command.name + "\n";
        for (std::size_t index = 0; index < command.own_options; ++index)
            out += fish_option_line(cli.program, f + "_using " + command.name, command.options[index], f);
        out += positional_lines(command);
    }
    return out;
}

}  // namespace

std::string completion_script(const CLI::App& app, Shell shell) {
    const CliSpec cli = cli_spec(app);
    switch (shell) {
        case Shell::bash: return bash_script(cli);
        case Shell::zsh: return zsh_script(cli);
        case Shell::fish: return fish_script(cli);
    }
    return "";
}

}  // namespace bmx::cli
