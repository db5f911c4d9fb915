// Integration harness: spawns processes with pipes, bounded by timeouts, and talks to the dev server.
#include "harness.hpp"

#include <atomic>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <random>
#include <stdexcept>
#include <thread>

#include <httplib.h>

extern char** environ;

namespace bmx::testing {
namespace {

using Clock = std::chrono::steady_clock;

struct Pipe {
    int read_end = -1;
    int write_end = -1;
    Pipe() {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
        read_end = fds[0];
        write_end = fds[1];
    }
};

void close_fd(int& fd) {
    if (fd >= 0) ::close(fd);
    fd = -1;
}

std::vector<char*> as_argv(const std::string& program, const std::vector<std::string>& args, std::vector<std::string>& storage) {
    storage.clear();
    storage.push_back(program);
    storage.insert(storage.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& arg : storage) argv.push_back(arg.data());
    argv.push_back(nullptr);
    return argv;
}

int spawn(const std::string& program, const std::vector<std::string>& args, const std::vector<std::string>& env,
          int stdin_fd, int stdout_fd, int stderr_fd, const std::filesystem::path& working_dir = {}) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (!working_dir.empty()) posix_spawn_file_actions_addchdir_np(&actions, working_dir.c_str());
    posix_spawn_file_actions_adddup2(&actions, stdin_fd, 0);
    posix_spawn_file_actions_adddup2(&actions, stdout_fd, 1);
    // A negative stderr_fd: the program starts with descriptor 2 closed.
    if (stderr_fd >= 0) posix_spawn_file_actions_adddup2(&actions, stderr_fd, 2);
    else posix_spawn_file_actions_addclose(&actions, 2);
    std::vector<std::string> arg_storage;
    auto argv = as_argv(program, args, arg_storage);
    std::vector<std::string> env_storage = env;
    std::vector<char*> envp;
    for (std::string& entry : env_storage) envp.push_back(entry.data());
    envp.push_back(nullptr);
    pid_t pid = -1;
    int rc = posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) throw std::runtime_error("cannot start " + program + ": " + std::strerror(rc));
    return pid;
}

std::vector<std::string> environment_list(const std::map<std::string, std::string>& variables) {
    std::vector<std::string> list;
    for (const auto& [name, value] : variables) list.push_back(name + "=" + value);
    return list;
}

int decode_wait_status(int status) {
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return -1;
}

// The descriptor the program gets as stderr: the pipe's write end, /dev/full, or -1 (closed).
int stderr_target(const RunOptions& options, const Pipe& err, int& dev_full) {
    switch (options.stderr_to) {
        case Stderr::capture:
            return err.write_end;
        case Stderr::dev_full:
            dev_full = ::open("/dev/full", O_WRONLY | O_CLOEXEC);
            if (dev_full < 0) throw std::runtime_error("cannot open /dev/full");
            return dev_full;
        case Stderr::closed:
            return -1;
    }
    return err.write_end;
}

}  // namespace

CommandResult run_program(const std::string& program, const std::vector<std::string>& args, const RunOptions& options) {
    Pipe in, out, err;
    int dev_full = -1;
    int pid = spawn(program, args, environment_list(options.env), in.read_end, out.write_end,
                    stderr_target(options, err, dev_full), options.working_dir);
    close_fd(in.read_end);
    close_fd(out.write_end);
    close_fd(err.write_end);
    close_fd(dev_full);
    // Nothing can arrive on the pipe when the program's stderr is elsewhere.
    if (options.stderr_to != Stderr::capture) close_fd(err.read_end);

    CommandResult result;
    std::size_t stdin_written = 0;
    if (options.stdin_data.empty() && !options.interrupt_as_keystroke) close_fd(in.write_end);
    else ::fcntl(in.write_end, F_SETFL, O_NONBLOCK);
    auto start = Clock::now();
    auto deadline = start + options.timeout;
    std::size_t signals_sent = 0;
    bool signalled = false;  // by signal_when
    while (out.read_end >= 0 || err.read_end >= 0) {
        auto now = Clock::now();
        if (now >= deadline) {
            result.timed_out = true;
            ::kill(pid, SIGKILL);
            break;
        }
        auto next_signal =
            std::chrono::milliseconds(options.signal_after_ms + static_cast<int>(signals_sent) * options.signal_interval_ms);
        if (options.signal_after_ms >= 0 && signals_sent < options.signals.size() && now - start >= next_signal) {
            ::kill(pid, options.signals[signals_sent]);
            ++signals_sent;
            continue;  // the next one, if due, goes without waiting for output
        }
        bool output_seen = !options.signal_after_output.empty() &&
                           result.out.find(options.signal_after_output) != std::string::npos;
        if (!signalled && (output_seen || (options.signal_when && options.signal_when(result)))) {
            const char ctrl_c = 0x03;
            for (int sent = 0; sent < std::max(1, options.interrupts_when); ++sent) {
                // Bounded: a few at most, each a short pause.
                if (sent > 0) std::this_thread::sleep_for(std::chrono::milliseconds(options.signal_interval_ms > 0 ? options.signal_interval_ms : 150));
                if (options.interrupt_as_keystroke && in.write_end >= 0) (void)::write(in.write_end, &ctrl_c, 1);
                else ::kill(pid, SIGINT);
            }
            signalled = true;
        }
        std::vector<pollfd> fds;
        if (out.read_end >= 0) fds.push_back({out.read_end, POLLIN, 0});
        if (err.read_end >= 0) fds.push_back({err.read_end, POLLIN, 0});
        if (in.write_end >= 0 && stdin_written < options.stdin_data.size()) fds.push_back({in.write_end, POLLOUT, 0});
        ::poll(fds.data(), fds.size(), 20);
        for (const pollfd& fd : fds) {
            if (fd.revents == 0) continue;
            if (fd.fd == in.write_end) {
                ssize_t wrote = ::write(in.write_end, options.stdin_data.data() + stdin_written,
                                        options.stdin_data.size() - stdin_written);
                if (wrote > 0) stdin_written += static_cast<std::size_t>(wrote);
                if (wrote < 0 && errno != EAGAIN) close_fd(in.write_end);
                if (stdin_written == options.stdin_data.size() && !options.interrupt_as_keystroke) close_fd(in.write_end);
                continue;
            }
            char buffer[65536];
            ssize_t got = ::read(fd.fd, buffer, sizeof buffer);
            std::string& sink = fd.fd == out.read_end ? result.out : result.err;
            if (got > 0) sink.append(buffer, static_cast<std::size_t>(got));
            else if (fd.fd == out.read_end) close_fd(out.read_end);
            else close_fd(err.read_end);
        }
    }
    close_fd(in.write_end);
    close_fd(out.read_end);
    close_fd(err.read_end);
    int status = 0;
    struct rusage usage {};
    ::wait4(pid, &status, 0, &usage);
    result.exit_code = decode_wait_status(status);
    result.peak_rss_kib = usage.ru_maxrss;
    return result;
}

RunOptions with_key(const std::string& base_url) {
    RunOptions options;
    options.env["BMX_API_KEY"] = test_key;
    options.env["BMX_BASE_URL"] = base_url;
    return options;
}

RunOptions with_key(const ServerProcess& server) { return with_key(server.base_url()); }

namespace {

void add_bmx_environment(RunOptions& options) {
    static TempDir empty_home;
    options.env.try_emplace("PATH", "/usr/bin:/bin");
    options.env.try_emplace("HOME", empty_home.path().string());
    options.env.try_emplace("BMX_CONFIG_DIR", (empty_home.path() / "no-config").string());
    // Each run keeps its own upload record unless the test shares one on purpose: a directory
    // no run has used, which bmx-api creates if it writes a record.
    static std::atomic<int> runs{0};
    options.env.try_emplace("XDG_STATE_HOME", (empty_home.path() / ("state-" + std::to_string(++runs))).string());
}

std::string shell_quoted(const std::string& word) {
    std::string quoted = "'";
    for (char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

}  // namespace

std::string bmx_api_binary() {
    const char* other = std::getenv("BMX_TEST_API_BIN");
    return other && *other ? std::string(other) : std::string(BMX_API_BIN);
}

CommandResult run_bmx(const std::vector<std::string>& args, RunOptions options) {
    add_bmx_environment(options);
    return run_program(bmx_api_binary(), args, options);
}

CommandResult run_bmx_on_terminal(const std::vector<std::string>& args, RunOptions options, int columns) {
    add_bmx_environment(options);
    options.env.try_emplace("TERM", "xterm");
    std::string command = "stty cols " + std::to_string(columns) + " rows 24 && exec " + shell_quoted(bmx_api_binary());
    for (const std::string& arg : args) command += " " + shell_quoted(arg);
    return run_program("/usr/bin/script", {"-qec", command, "/dev/null"}, options);
}

RunOptions pointed_at(const std::string& base_url) {
    RunOptions options = with_key(base_url);
    options.timeout = std::chrono::milliseconds(30000);
    return options;
}

ServerProcess::ServerProcess(const std::string& program, std::vector<std::string> args, const std::string& host) {
    args.insert(args.end(), {"--host", host, "--port", "0", "--exit-after-seconds", "300"});
    Pipe out;
    int dev_null = ::open("/dev/null", O_RDWR | O_CLOEXEC);
    pid_ = spawn(program, args, {"PATH=/usr/bin:/bin"}, dev_null, out.write_end, STDERR_FILENO);
    ::close(dev_null);
    close_fd(out.write_end);
    stdout_fd_ = out.read_end;

    std::string line;
    auto deadline = Clock::now() + std::chrono::seconds(10);
    while (line.find('\n') == std::string::npos && Clock::now() < deadline) {
        pollfd fd{stdout_fd_, POLLIN, 0};
        if (::poll(&fd, 1, 50) <= 0) continue;
        char buffer[256];
        ssize_t got = ::read(stdout_fd_, buffer, sizeof buffer);
        if (got <= 0) break;
        line.append(buffer, static_cast<std::size_t>(got));
    }
    line = line.substr(0, line.find('\n'));  // the first line names the API; --cdn-host adds a second
    auto colon = line.rfind(':');
    const bool https = line.find("listening on https://") != std::string::npos;
    if ((!https && line.find("listening on http://") == std::string::npos) || colon == std::string::npos) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
        throw std::runtime_error(program + " did not start: " + line);
    }
    port_ = std::atoi(line.c_str() + colon + 1);
    origin_ = (https ? "https://" : "http://") + (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" + std::to_string(port_);
}

ServerProcess::~ServerProcess() {
    if (pid_ > 0) {
        // SIGTERM, then wait for the exit itself (a pidfd becomes readable) for up to 2 s.
        int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid_, 0));
        ::kill(pid_, SIGTERM);
        if (pidfd >= 0) {
            pollfd exited{pidfd, POLLIN, 0};
            ::poll(&exited, 1, 2000);
            ::close(pidfd);
        }
        if (::waitpid(pid_, nullptr, WNOHANG) != pid_) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
        }
    }
    close_fd(stdout_fd_);
}

namespace {

// A client for the harness's own requests. For an https server it checks no certificate: the
// harness talks to its own child on loopback, and must reach the servers whose certificates
// bmx-api is to refuse.
httplib::Client harness_client(const std::string& origin) {
    httplib::Client client(origin);
    client.enable_server_certificate_verification(false);
    return client;
}

}  // namespace

nlohmann::json ServerProcess::get_json(const std::string& path) const {
    httplib::Client client = harness_client(origin_);
    client.set_connection_timeout(5);
    client.set_read_timeout(10);
    auto response = client.Get(path.c_str());
    if (!response) throw std::runtime_error("dev server did not answer " + path);
    return nlohmann::json::parse(response->body);
}

nlohmann::json ServerProcess::api_get(const std::string& path) const {
    httplib::Client client = harness_client(origin_);
    client.set_connection_timeout(5);
    client.set_read_timeout(10);
    auto response = client.Get(("/api/v1" + path).c_str(), httplib::Headers{{"X-API-Key", test_key}});
    if (!response || response->status != 200) throw std::runtime_error("the dev server's API did not answer 200 to " + path);
    return nlohmann::json::parse(response->body);
}

std::vector<nlohmann::json> ServerProcess::requests_to(const std::string& path_prefix) const {
    std::vector<nlohmann::json> matching;
    for (const auto& request : requests())
        if (request.value("path", "").rfind(path_prefix, 0) == 0) matching.push_back(request);
    return matching;
}

DevServer::DevServer(std::vector<std::string> args, const std::string& host)
    : ServerProcess(BMX_DEVSERVER_BIN, [&] {
          args.insert(args.begin(), {"--key", test_key});
          return args;
      }(), host) {}

const TestPki& test_pki() {
    static TempDir dir;
    static const TestPki pki = make_test_pki(dir.path());
    return pki;
}

namespace {

std::vector<std::string> with_tls(std::vector<std::string> args, TlsCertificate certificate) {
    const TestPki& pki = test_pki();
    const auto& [cert, key] = certificate == TlsCertificate::server       ? std::pair(pki.server_cert, pki.server_key)
                              : certificate == TlsCertificate::other_name ? std::pair(pki.other_cert, pki.other_key)
                                                                          : std::pair(pki.expired_cert, pki.expired_key);
    args.insert(args.begin(), {"--tls", cert.string(), key.string()});
    return args;
}

}  // namespace

TlsDevServer::TlsDevServer(std::vector<std::string> args, TlsCertificate certificate, const std::string& host)
    : DevServer(with_tls(std::move(args), certificate), host) {}

bool contains_key(const std::string& text) { return text.find(test_key) != std::string::npos; }

bool leaks_key(const CommandResult& result) { return contains_key(result.out) || contains_key(result.err); }

}  // namespace bmx::testing
