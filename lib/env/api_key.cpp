// Finds the API key for an environment: BMX_API_KEY, then <config dir>/<env>.key.
#include "env/api_key.hpp"

#include <sys/stat.h>

#include <algorithm>

#include <fmt/format.h>

#include "core/file_read.hpp"
#include "core/text.hpp"

namespace bmx::env {
namespace {

constexpr std::size_t max_key_file_bytes = 16 * 1024;

// Like ssh: a key file others can read is a key others may have.
std::optional<std::string> permission_warning(const std::filesystem::path& key_file) {
    struct stat info {};
    if (::stat(key_file.c_str(), &info) != 0) return std::nullopt;
    if ((info.st_mode & (S_IRWXG | S_IRWXO)) == 0) return std::nullopt;
    return fmt::format("key file {} is accessible by group or others (mode {:04o}); run: chmod 600 {}",
                       key_file.string(), info.st_mode & 07777, key_file.string());
}

// A key goes into an HTTP header: a line break would inject a header of the server's choosing,
// and no real key holds any control character. The message gives the position, never the key.
std::optional<Error> control_character_error(const std::string& key, const std::string& source) {
    auto found = std::find_if(key.begin(), key.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; });
    if (found == key.end()) return std::nullopt;
    return make_error(Stage::key, fmt::format("{} holds a control character (byte {} of the key, 0x{:02x}); "
                                              "it should hold only the key, on one line",
                                              source, found - key.begin() + 1, static_cast<unsigned char>(*found)));
}

}  // namespace

std::string clean_key_text(const std::string& text) { return std::string(trim(strip_utf8_bom(trim(text)))); }

Result<KeyLookup> find_api_key(const Environment& environment, const ProcessEnv& process_env) {
    KeyLookup lookup;
    auto key_file = environment.config_dir / (environment.name + ".key");
    lookup.tried = fmt::format("BMX_API_KEY (unset) and {}", key_file.string());

    if (auto from_variable = process_env.get("BMX_API_KEY")) {
        auto cleaned = clean_key_text(*from_variable);
        lookup.source = "BMX_API_KEY";
        lookup.tried = "BMX_API_KEY";
        if (auto refused = control_character_error(cleaned, "BMX_API_KEY")) return *refused;
        if (!cleaned.empty()) lookup.key.emplace(std::move(cleaned));
        return lookup;
    }

    std::error_code ignored;
    if (!std::filesystem::exists(std::filesystem::symlink_status(key_file, ignored))) return lookup;

    auto contents = read_small_file(key_file, max_key_file_bytes);
    if (!contents) return make_error(Stage::key, fmt::format("cannot read key file: {}", contents.error().message));
    if (auto warning = permission_warning(key_file)) lookup.warnings.push_back(*warning);
    auto cleaned = clean_key_text(*contents);
    lookup.source = key_file.string();
    if (cleaned.empty()) {
        lookup.tried = fmt::format("BMX_API_KEY (unset) and {} (empty)", key_file.string());
        return lookup;
    }
    if (cleaned.find_first_of("\r\n") != std::string::npos)
        return make_error(Stage::key, fmt::format("key file {} holds more than one line; it should hold only the key",
                                             key_file.string()));
    if (auto refused = control_character_error(cleaned, fmt::format("key file {}", key_file.string()))) return *refused;
    lookup.key.emplace(std::move(cleaned));
    return lookup;
}

}  // namespace bmx::env
