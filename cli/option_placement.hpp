// Options written before the command they belong to (`bmx-api --parallel 3 upload ...`): found
// in argv before parsing, so the message names the command instead of CLI11's "not expected".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace bmx::cli {

// The command line's words after the program name, as given.
std::vector<std::string> command_line_words(int argc, const char* const* argv);

// "--parallel is an option of 'upload': put it after 'upload'" for the first option before
// the command's name that the command declares and the program does not take with the same
// meaning (the global options and the shared scripting options mean the same in both places).
std::optional<std::string> option_before_its_command(const CLI::App& app, const std::vector<std::string>& words);

}  // namespace bmx::cli
