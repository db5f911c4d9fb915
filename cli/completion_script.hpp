// Shell completion scripts written from the CLI11 app itself, so they cannot drift from it.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace bmx::cli {

enum class Shell { bash, zsh, fish };

// The options of `app`'s option group named this are offered after every command too.
inline constexpr const char* global_options_group = "Global options";

// A completion script for the shell: the app's commands, their options with descriptions, and
// their positionals. A value is completed by its type name in --help: FILE (files), DIR
// (directories), ENV (environment names from the config directory at completion time), METHOD
// and CHECKS (their fixed lists), or the choices of a CLI::IsMember check; anything else is
// free text and completes nothing.
std::string completion_script(const CLI::App& app, Shell shell);

}  // namespace bmx::cli
