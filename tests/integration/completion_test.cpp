// `bmx-api completion SHELL` is what completions/ holds, and bash, zsh and fish themselves
// complete with it: commands, options, environment names, --checks values, files where files go.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>

#include "harness.hpp"

using namespace bmx::testing;

namespace {

struct ShellCase {
    std::string shell;      // "bash", "zsh", "fish"
    std::string committed;  // the file under completions/
};

const std::vector<ShellCase> shells{{"bash", "bmx-api.bash"}, {"zsh", "_bmx-api"}, {"fish", "bmx-api.fish"}};

// The lines typed before TAB, and what each test expects of them.
const std::string verify_exp = "bmx-api verify --exp";
const std::string verify_options = "bmx-api verify --";
const std::string config_options = "bmx-api config --";
const std::string book_id = "bmx-api upload ";
const std::string upload_paths = "bmx-api upload 1 ";
const std::string env_names = "bmx-api --env ";
const std::string env_names_after_command = "bmx-api verify --env ";
const std::string checks = "bmx-api verify --checks version,d";
const std::string commands = "bmx-api ";

// A directory to complete in, with a photo and a config directory holding environments qa and dev.
class CompletionScene {
public:
    CompletionScene() {
        write_file(dir_ / "photo.jpg", "not really a photo");
        write_file(dir_ / "config" / "qa.key", "key");
        write_file(dir_ / "config" / "qa.url", "https://qa.example.test/api/v1");
        write_file(dir_ / "config" / "dev.url", "https://dev.example.test/api/v1");
        std::filesystem::create_directories(dir_ / "home");
    }

    // What `shell` offers for each line, from the script the built bmx-api writes.
    std::map<std::string, std::vector<std::string>> complete(const std::string& shell, const std::vector<std::string>& lines) {
        auto script = run_bmx({"completion", shell});
        REQUIRE(script.exit_code == 0);
        std::filesystem::path script_dir = dir_ / ("script-" + shell);
        std::filesystem::path script_file = script_dir / (shell == "zsh" ? "_bmx-api" : "bmx-api." + shell);
        write_file(script_file, script.out);

        std::string drivers = std::string(BMX_SOURCE_DIR) + "/tests/completion/";
        std::string program;
        std::vector<std::string> args;
        if (shell == "bash") {
            program = "/bin/bash";
            args = {"--norc", "--noprofile", drivers + "complete.bash", script_file.string()};
        } else if (shell == "zsh") {
            program = "/usr/bin/zsh";
            args = {"-f", drivers + "complete.zsh", script_dir.string()};
        } else {
            program = "/usr/bin/fish";
            args = {"--no-config", drivers + "complete.fish", script_file.string()};
        }
        REQUIRE_MESSAGE(std::filesystem::exists(program), program << " is missing: run scripts/install-deps.sh");
        args.insert(args.end(), lines.begin(), lines.end());

        RunOptions options;
        options.env = {{"PATH", "/usr/bin:/bin"}, {"HOME", (dir_ / "home").string()},
                       {"BMX_CONFIG_DIR", (dir_ / "config").string()}, {"TMPDIR", dir_.path().string()}};
        options.working_dir = dir_.path();
        options.timeout = std::chrono::seconds(120);
        auto result = run_program(program, args, options);
        INFO(shell << " said: " << result.err);
        REQUIRE(result.exit_code == 0);

        std::map<std::string, std::vector<std::string>> offered;  // "== LINE", then its candidates
        std::string typed;
        for (const std::string& text : lines_of(result.out)) {
            if (text.rfind("== ", 0) == 0) {
                typed = text.substr(3);
                offered[typed];
            } else if (!text.empty()) {
                offered[typed].push_back(text);
            }
        }
        for (const std::string& typed : lines) REQUIRE_MESSAGE(offered.count(typed) == 1, shell << " did not answer '" << typed << "'");
        return offered;
    }

private:
    TempDir dir_;
};

bool offers(const std::vector<std::string>& candidates, const std::string& word) {
    return std::count(candidates.begin(), candidates.end(), word) > 0;
}

bool offers_ending(const std::vector<std::string>& candidates, const std::string& end) {
    return std::any_of(candidates.begin(), candidates.end(), [&](const std::string& c) { return c.ends_with(end); });
}

}  // namespace

TEST_CASE("the committed completions are what `bmx-api completion SHELL` writes (scripts/update-completions.sh)") {
    for (const ShellCase& shell : shells) {
        CAPTURE(shell.shell);
        auto generated = run_bmx({"completion", shell.shell});
        REQUIRE(generated.exit_code == 0);
        CHECK(generated.out.find("bmx-api") != std::string::npos);
        const std::string committed = read_text_file(std::string(BMX_SOURCE_DIR) + "/completions/" + shell.committed);
        CHECK_MESSAGE(generated.out == committed, "completions/" << shell.committed << " is out of step with the CLI: "
                                                              << "run scripts/update-completions.sh and commit the result");
    }
}

TEST_CASE("completion refuses a shell it does not know, with exit 2") {
    auto result = run_bmx({"completion", "tcsh"});
    CHECK(result.exit_code == 2);
    CHECK(result.out.empty());
    CHECK(contains(result.err, "tcsh"));
}

TEST_CASE("bash, zsh and fish complete commands, options, environment names and --checks, and files only for PATH") {
    CompletionScene scene;
    const std::vector<std::string> lines{verify_exp, verify_options, config_options, book_id,  upload_paths,
                                         env_names,  env_names_after_command, checks, commands};
    for (const ShellCase& shell : shells) {
        CAPTURE(shell.shell);
        auto offered = scene.complete(shell.shell, lines);

        CHECK(offers(offered[verify_exp], "--expect-version"));
        CHECK_FALSE(offers(offered[verify_exp], "--timeout"));

        for (const char* option : {"--jq", "--retry", "--timing", "--checks", "--env", "--header"})
            CHECK_MESSAGE(offers(offered[verify_options], option), "verify does not offer " << option);
        CHECK_FALSE(offers(offered[verify_options], "--paginate"));  // verify refuses it

        CHECK(offers(offered[config_options], "--env"));
        CHECK(offers(offered[config_options], "--prod"));

        CHECK_MESSAGE(offered[book_id].empty(), "BOOK_ID is not a file name, yet got " << offered[book_id].size() << " candidates");
        CHECK(offers(offered[upload_paths], "photo.jpg"));  // PATH... is

        for (const auto& line : {env_names, env_names_after_command})
            for (const char* name : {"qa", "dev", "staging", "prod"}) CHECK_MESSAGE(offers(offered[line], name), line << " lacks " << name);
        CHECK_FALSE(offers(offered[env_names], "photo.jpg"));

        CHECK(offers_ending(offered[checks], "deep"));
        CHECK_FALSE(offers_ending(offered[checks], "books"));

        for (const char* word : {"upload", "thumbnail", "verify", "config", "completion", "GET", "POST"})
            CHECK_MESSAGE(offers(offered[commands], word), "no " << word << " as the first word");
    }
}
