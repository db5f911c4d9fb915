// libFuzzer target: the config and key-file readers (key text cleaning, environment URL files,
// JSON body checking) over arbitrary file contents.
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>
#include <unistd.h>

#include "env/api_context.hpp"
#include "request/json_check.hpp"

namespace {

// One scratch config directory per process, with files rewritten for each input.
const std::filesystem::path& scratch_dir() {
    static const std::filesystem::path dir = [] {
        auto path = std::filesystem::temp_directory_path() / ("bmx-fuzz-config-" + std::to_string(::getpid()));
        std::filesystem::create_directories(path);
        return path;
    }();
    return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    auto cleaned = bmx::env::clean_key_text(text);
    if (!cleaned.empty() && (cleaned.front() == ' ' || cleaned.back() == '\n')) __builtin_trap();
    (void)bmx::request::check_json(text);

    const auto& dir = scratch_dir();
    std::ofstream(dir / "fuzz.key", std::ios::binary | std::ios::trunc) << text;
    std::ofstream(dir / "fuzz.url", std::ios::binary | std::ios::trunc) << text;
    auto env = bmx::env::ProcessEnv::from_map({{"BMX_CONFIG_DIR", dir.string()}});
    auto context = bmx::env::resolve_api_context(bmx::env::EnvironmentChoice{false, "fuzz", "", ""}, env);
    if (context.ok() && context->environment.base_url.empty()) __builtin_trap();
    return 0;
}
