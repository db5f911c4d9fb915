// `bmx-api help [COMMAND]`: the same text as `bmx-api [COMMAND] --help`, on stdout, exit 0.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace bmx::cli {

// Declares the help command, its optional COMMAND stored in topic.
CLI::App* add_help_command(CLI::App& app, std::string& topic);

// Prints the help asked for; `help nosuch` is a usage error (exit 2), with "did you mean".
int run_help(const CLI::App& app, const CLI::App& help, const std::string& topic);

}  // namespace bmx::cli
