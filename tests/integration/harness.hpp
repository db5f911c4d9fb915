// Integration harness: runs the built bmx-api and bmx-devserver as processes, bounded in time.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/image_fixtures.hpp"
#include "support/temp_dir.hpp"
#include "support/test_pki.hpp"
#include "support/text.hpp"

namespace bmx::testing {

// A dev server whose uploads complete in an order that has little to do with their start order.
inline const std::vector<std::string> racing_server{"--processing-delay-ms", "5", "--processing-jitter-ms", "80", "--seed", "7"};

// The key the tests use; every test that prints anything checks it never appears.
inline constexpr const char* test_key = "tk_live_Zq8v3Xw9Pm2Lr7Ns";

struct CommandResult {
    int exit_code = -1;
    std::string out;
    std::string err;
    bool timed_out = false;
    long peak_rss_kib = 0;  // the largest resident set of the program and anything it waited for
};

// Where the program's standard error goes: a pipe the harness reads into CommandResult.err, a
// device that refuses every write (ENOSPC), or nowhere at all (descriptor 2 closed).
enum class Stderr { capture, dev_full, closed };

struct RunOptions {
    std::map<std::string, std::string> env;  // added to a minimal environment (PATH, HOME, BMX_CONFIG_DIR)
    std::string stdin_data;
    std::chrono::milliseconds timeout{20000};
    int signal_after_ms = -1;  // send a signal this long after start (for tests of signals as such)
    std::vector<int> signals{2};  // sent in this order (default one SIGINT), signal_interval_ms apart
    int signal_interval_ms = 0;
    // Send SIGINT once this returns true for the output so far (checked as output arrives and
    // every 20 ms), for Ctrl-C tests that wait for an event instead of a time.
    std::function<bool(const CommandResult& so_far)> signal_when;
    std::string signal_after_output;  // send SIGINT once stdout holds this text (for Ctrl-C tests)
    // How many SIGINTs signal_when and signal_after_output send, signal_interval_ms apart (150 ms
    // when that is 0: signals of one kind do not queue, so much closer ones could merge into one).
    int interrupts_when = 1;
    // signal_when and signal_after_output type Ctrl-C (0x03) on stdin instead of sending SIGINT,
    // and stdin stays open until then: under a pseudo-terminal (run_bmx_on_terminal) the
    // terminal turns it into SIGINT for the foreground job, as a person's Ctrl-C is.
    bool interrupt_as_keystroke = false;
    std::filesystem::path working_dir;  // empty: the test's own
    Stderr stderr_to = Stderr::capture;  // anything but capture leaves CommandResult.err empty
};

// Runs a program with args, feeding stdin and collecting stdout and stderr; kills it at the timeout.
CommandResult run_program(const std::string& program, const std::vector<std::string>& args, const RunOptions& options);

// The bmx-api the tests run: this build's, or the one BMX_TEST_API_BIN names (to show that a
// test fails on an older build).
std::string bmx_api_binary();

// Runs bmx-api with HOME and BMX_CONFIG_DIR pointed at an empty directory and XDG_STATE_HOME (the
// upload record) at a fresh one for this run, unless options say otherwise.
CommandResult run_bmx(const std::vector<std::string>& args, RunOptions options = {});

// bmx-api under a pseudo-terminal (util-linux `script`) `columns` wide, with the environment
// run_bmx gives and TERM=xterm unless options set TERM. stdout and stderr both go to the
// terminal, so both come back in `out`, with the terminal's "\r\n" line ends.
CommandResult run_bmx_on_terminal(const std::vector<std::string>& args, RunOptions options = {}, int columns = 80);

// A bmx-devserver (or bmx-faultpeer) on a free loopback port, stopped when this goes out of scope.
// Its origin is http:// or https://, as it announced; the harness's own requests to an https
// server (get_json, api_get) skip certificate checks, so they reach a server whose certificate
// bmx-api must refuse.
class ServerProcess {
public:
    ServerProcess(const std::string& program, std::vector<std::string> args, const std::string& host = "127.0.0.1");
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    const std::string& origin() const { return origin_; }  // "http://127.0.0.1:PORT" or "https://.."
    std::string base_url() const { return origin_ + "/api/v1"; }
    int port() const { return port_; }

    // GET on the server, outside the API (the /_dev/ inspection routes); parsed JSON.
    nlohmann::json get_json(const std::string& path) const;
    // What the server received, in order (bmx-devserver's /_dev/requests).
    nlohmann::json requests() const { return get_json("/_dev/requests"); }
    // Requests whose path starts with the prefix.
    std::vector<nlohmann::json> requests_to(const std::string& path_prefix) const;
    nlohmann::json images() const { return get_json("/_dev/images"); }
    // GET on the API itself with the test key (e.g. "/books/3/images"), as a client would see it;
    // throws unless it answers 200 with JSON.
    nlohmann::json api_get(const std::string& path) const;
    // The book's images as the API lists them (by display_order).
    nlohmann::json book_images(int book) const { return api_get("/books/" + std::to_string(book) + "/images"); }

private:
    int pid_ = -1;
    int stdout_fd_ = -1;
    int port_ = 0;
    std::string origin_;
};

class DevServer : public ServerProcess {
public:
    explicit DevServer(std::vector<std::string> args = {}, const std::string& host = "127.0.0.1");
};

// The test PKI (support/test_pki.hpp), made once per test process in a directory of its own.
const TestPki& test_pki();

// Which of the test PKI's certificates an https dev server presents.
enum class TlsCertificate { server, other_name, expired };

// bmx-devserver --tls with a certificate of the test PKI: base_url() is https, and ca_file() is
// the test CA that --cacert or BMX_CA_BUNDLE must be given for bmx-api to trust it.
class TlsDevServer : public DevServer {
public:
    explicit TlsDevServer(std::vector<std::string> args = {}, TlsCertificate certificate = TlsCertificate::server,
                          const std::string& host = "127.0.0.1");
    std::string ca_file() const { return test_pki().ca_cert.string(); }
};

// Options that point bmx-api at a base URL with the test key in BMX_API_KEY.
RunOptions with_key(const std::string& base_url);
RunOptions with_key(const ServerProcess& server);
// with_key, for a peer that misbehaves on purpose: 30 s before the harness kills bmx-api, so
// a test's own time bound, not the harness's, is what fails when a fault is not handled.
RunOptions pointed_at(const std::string& base_url);

// True when the text holds the test key anywhere.
bool contains_key(const std::string& text);
// True when the command printed the test key on stdout or stderr.
bool leaks_key(const CommandResult& result);

}  // namespace bmx::testing
