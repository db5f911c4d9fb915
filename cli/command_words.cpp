// Tells a mistyped command or method from a request, and suggests the nearest known word.
#include "command_words.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "core/closest_word.hpp"
#include "http/http_types.hpp"
#include "request/build_request.hpp"

namespace bmx::cli {
namespace {

std::vector<std::string> method_names() {
    std::vector<std::string> names;
    for (http::Method method : request::known_methods) names.emplace_back(http::method_name(method));
    return names;
}

bool is_command(const std::vector<std::string>& commands, const std::string& word) {
    return std::find(commands.begin(), commands.end(), word) != commands.end();
}

}  // namespace

std::vector<std::string> command_names(const CLI::App& app) {
    std::vector<std::string> names;
    for (const CLI::App* command : app.get_subcommands([](const CLI::App*) { return true; })) names.push_back(command->get_name());
    return names;
}

std::optional<std::string> unknown_first_word(const CLI::App& app, std::string_view word) {
    if (request::parse_method(word)) return std::nullopt;
    const std::vector<std::string> commands = command_names(app);
    const std::vector<std::string> methods = method_names();
    std::vector<std::string> known = commands;
    known.insert(known.end(), methods.begin(), methods.end());
    if (auto near = closest_word(word, known))
        return fmt::format("unknown {} '{}'; did you mean '{}'?", is_command(commands, *near) ? "command" : "method", word, *near);
    return fmt::format("unknown command or method '{}': the first word is a command ({}) or a request's method ({})", word,
                       fmt::join(commands, ", "), fmt::join(methods, ", "));
}

namespace {

// `FETCH /books`: a word followed by a path is a method, whatever it is near.
std::string unknown_method_before_path(std::string_view word) {
    auto parsed = request::parse_method(word);
    if (auto near = closest_word(word, method_names())) return fmt::format("unknown method '{}'; did you mean '{}'?", word, *near);
    return parsed ? std::string() : parsed.error().message;
}

}  // namespace

std::optional<std::string> unknown_method_word(const CLI::App& app, MethodWord scope) {
    const CLI::Option* method = app.get_option_no_throw("METHOD");
    if (method == nullptr || method->results().empty()) return std::nullopt;
    const std::string& word = method->results().front();
    if (request::parse_method(word)) return std::nullopt;
    const CLI::Option* path = app.get_option_no_throw("PATH");
    if (path != nullptr && !path->results().empty() && path->results().front().rfind('/', 0) == 0)
        return unknown_method_before_path(word);
    // After `--parallel 3` given with no command, the 3 is what became the METHOD: the parse
    // error about --parallel says more than "unknown command '3'" would.
    const bool looks_like_a_word = !word.empty() && std::isalpha(static_cast<unsigned char>(word.front()));
    if (scope == MethodWord::when_a_word && !looks_like_a_word) return std::nullopt;
    return unknown_first_word(app, word);
}

}  // namespace bmx::cli
