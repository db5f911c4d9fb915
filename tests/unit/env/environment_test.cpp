// Environments and key lookup, as the README and man page describe them.
#include <doctest/doctest.h>

#include <fstream>
#include <sys/stat.h>

#include "env/api_context.hpp"
#include "support/temp_dir.hpp"

using namespace bmx::env;

namespace {
EnvironmentChoice choice(bool prod, std::string name = "", std::string base_url = "") {
    return EnvironmentChoice{prod, std::move(name), std::move(base_url), {}};
}
}  // namespace

TEST_CASE("staging is the default environment and --prod selects production") {
    auto env = ProcessEnv::from_map({{"HOME", "/home/reader"}});
    auto staging = resolve_environment({}, env);
    REQUIRE(staging.ok());
    CHECK(staging->name == "staging");
    CHECK(staging->base_url == "https://staging.api.bluemoxon.com/api/v1");
    CHECK(staging->config_dir == "/home/reader/.bmx");
    auto prod = resolve_environment(choice(true), env);
    REQUIRE(prod.ok());
    CHECK(prod->name == "prod");
    CHECK(prod->base_url == "https://api.bluemoxon.com/api/v1");
    CHECK(expected_server_environment(*prod) == "production");
}

TEST_CASE("--base-url and BMX_BASE_URL override the URL but not which key file is used") {
    auto env = ProcessEnv::from_map({{"BMX_BASE_URL", "http://127.0.0.1:9000/api/v1/"}});
    auto prod = resolve_environment(choice(true), env);
    REQUIRE(prod.ok());
    CHECK(prod->name == "prod");
    CHECK(prod->base_url == "http://127.0.0.1:9000/api/v1");
    CHECK(prod->base_url_source == "BMX_BASE_URL");
    auto flag = resolve_environment(choice(true, "", "http://127.0.0.1:1/x"), env);
    REQUIRE(flag.ok());
    CHECK(flag->base_url == "http://127.0.0.1:1/x");
    CHECK(flag->base_url_source == "--base-url");
}

TEST_CASE("--prod with a different --env is a usage error") {
    auto result = resolve_environment(choice(true, "qa"), ProcessEnv::from_map({}));
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().stage == bmx::Stage::usage);
}

TEST_CASE("another environment takes its URL from <config dir>/NAME.url or says how to give one") {
    bmx::testing::TempDir dir;
    auto env = ProcessEnv::from_map({{"BMX_CONFIG_DIR", dir.path().string()}});
    auto missing = resolve_environment(choice(false, "qa"), env);
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message.find("qa.url") != std::string::npos);
    std::ofstream(dir.path() / "qa.url") << "\xEF\xBB\xBFhttps://qa.example.test/api/v1\r\n";
    auto found = resolve_environment(choice(false, "qa"), env);
    REQUIRE(found.ok());
    CHECK(found->base_url == "https://qa.example.test/api/v1");
}

TEST_CASE("an environment name cannot walk out of the config directory") {
    auto result = resolve_environment(choice(false, "../etc/passwd"), ProcessEnv::from_map({}));
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().stage == bmx::Stage::usage);
}

TEST_CASE("BMX_API_KEY wins over the key file") {
    bmx::testing::TempDir dir;
    std::ofstream(dir.path() / "staging.key") << "from-file";
    auto env = ProcessEnv::from_map({{"BMX_CONFIG_DIR", dir.path().string()}, {"BMX_API_KEY", " from-variable \n"}});
    auto context = resolve_api_context({}, env);
    REQUIRE(context.ok());
    REQUIRE(context->key.key.has_value());
    CHECK(context->key.key->reveal() == "from-variable");
    CHECK(context->key.source == "BMX_API_KEY");
}

TEST_CASE("key files with a trailing newline, CRLF or a UTF-8 BOM all give the bare key") {
    for (std::string text : {"k3y\n", "k3y\r\n", "\xEF\xBB\xBFk3y\r\n", "  k3y  "}) {
        bmx::testing::TempDir dir;
        std::ofstream(dir.path() / "prod.key") << text;
        ::chmod((dir.path() / "prod.key").c_str(), 0600);
        auto context = resolve_api_context(choice(true), ProcessEnv::from_map({{"BMX_CONFIG_DIR", dir.path().string()}}));
        REQUIRE(context.ok());
        REQUIRE(context->key.key.has_value());
        CHECK(context->key.key->reveal() == "k3y");
        CHECK(context->key.warnings.empty());
    }
}

TEST_CASE("a key file readable by group or others gives an ssh-style warning that never shows the key") {
    bmx::testing::TempDir dir;
    std::ofstream(dir.path() / "staging.key") << "secret-value\n";
    ::chmod((dir.path() / "staging.key").c_str(), 0644);
    auto context = resolve_api_context({}, ProcessEnv::from_map({{"BMX_CONFIG_DIR", dir.path().string()}}));
    REQUIRE(context.ok());
    REQUIRE(context->key.warnings.size() == 1);
    CHECK(context->key.warnings[0].find("chmod 600") != std::string::npos);
    CHECK(context->key.warnings[0].find("secret-value") == std::string::npos);
}

TEST_CASE("no key at all is fine for public endpoints and the 401 text says where it looked") {
    bmx::testing::TempDir dir;
    auto context = resolve_api_context({}, ProcessEnv::from_map({{"BMX_CONFIG_DIR", dir.path().string()}}));
    REQUIRE(context.ok());
    CHECK_FALSE(context->key.key.has_value());
    auto text = describe_key_for_401(*context);
    CHECK(text.find("BMX_API_KEY") != std::string::npos);
    CHECK(text.find("staging.key") != std::string::npos);
}

TEST_CASE("a key file that is a directory is a key error, not a silent missing key") {
    bmx::testing::TempDir dir;
    std::filesystem::create_directory(dir.path() / "staging.key");
    auto context = resolve_api_context({}, ProcessEnv::from_map({{"BMX_CONFIG_DIR", dir.path().string()}}));
    REQUIRE_FALSE(context.ok());
    CHECK(context.error().stage == bmx::Stage::key);
    CHECK(context.error().message.find("is a directory") != std::string::npos);
}

TEST_CASE("a key with a control character is refused without showing the key, from either source") {
    bmx::testing::TempDir dir;
    for (std::string key : {"ab\r\nX-Injected: yes", "ab\nX-Injected: yes", "ab\tc", "ab\x7f" "c", "ab\x01" "c"}) {
        CAPTURE(key.size());
        auto context = resolve_api_context(
            {}, ProcessEnv::from_map({{"BMX_CONFIG_DIR", dir.path().string()}, {"BMX_API_KEY", key}}));
        REQUIRE_FALSE(context.ok());
        CHECK(context.error().stage == bmx::Stage::key);
        CHECK(context.error().message.find("BMX_API_KEY holds a control character (byte 3 of the key") == 0);
        CHECK(context.error().message.find("Injected") == std::string::npos);
    }
    std::ofstream(dir.path() / "staging.key") << "ab\x1b" "c\n";
    ::chmod((dir.path() / "staging.key").c_str(), 0600);
    auto context = resolve_api_context({}, ProcessEnv::from_map({{"BMX_CONFIG_DIR", dir.path().string()}}));
    REQUIRE_FALSE(context.ok());
    CHECK(context.error().stage == bmx::Stage::key);
    CHECK(context.error().message.find("holds a control character (byte 3 of the key, 0x1b)") != std::string::npos);
}
