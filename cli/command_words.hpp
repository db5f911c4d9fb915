// The first word on the command line is a command (upload, verify, ...) or an HTTP method
// (GET /books): a word that is neither is a usage error, with "did you mean" when one is near.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

namespace bmx::cli {

// The commands' names, in the order they were declared.
std::vector<std::string> command_names(const CLI::App& app);

// "unknown command 'uplod'; did you mean 'upload'?", "unknown method 'GTE'; did you mean 'GET'?",
// or, with nothing near, what the word may be. None when the word is a method (any case).
std::optional<std::string> unknown_first_word(const CLI::App& app, std::string_view word);

// The same for the word the request form took as its METHOD, if it took one; when a PATH
// starting with '/' follows it, the word is taken as a method ("unknown method 'FETCH': use GET,
// ...", or the nearest method). After a parse
// error, only a word (starting with a letter) is taken as a mistyped command: a stray value
// such as the 3 of a misplaced `--parallel 3` is left to the parse error.
enum class MethodWord { any, when_a_word };
std::optional<std::string> unknown_method_word(const CLI::App& app, MethodWord scope);

}  // namespace bmx::cli
