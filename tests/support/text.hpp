// Small text helpers the tests share.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace bmx::testing {

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The text's lines, without their line ends; a last line without one is kept.
std::vector<std::string> lines_of(const std::string& text);

// The whole file; throws if it cannot be read.
std::string read_text_file(const std::filesystem::path& path);

// Writes bytes to a file, creating parent directories.
void write_file(const std::filesystem::path& path, const std::string& bytes);

}  // namespace bmx::testing
