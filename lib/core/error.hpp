// Error: what went wrong, where (a stage from a closed set), and in words a person can act on.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace bmx {

// The step that failed. Scripts match on its name (stage_name), so names stay stable; adding a
// stage means adding it to every switch over Stage, which the compiler checks (-Wswitch).
enum class Stage {
    // The command line: nothing was sent.
    usage,
    json,
    jq,
    // Local input: nothing was sent for it.
    read,
    format,
    decode,
    limits,
    encode,
    write,
    config,
    key,
    setup,
    // The server answered >= 400.
    http,
    // The server answered, but bmx-api would not take the answer in or could not use it: over a
    // response budget, JSON nested too deep, a header over libcurl's limit, a redirect to a URL
    // that cannot be followed, or --jq failing on it. A request was sent.
    answer,
    // The network.
    transport,
    dns,
    connect,
    tls,
    timeout,
    // Interrupted (Ctrl-C, SIGTERM, SIGHUP), or stopped because of an earlier answer.
    cancelled,
    // The book's image order could not be set or confirmed after the files were stored.
    reorder,
    // A bug in bmx-api (an exception where none was expected); never a hang or a crash.
    internal,
};

// The stage as it appears in JSON and messages: "read", "http", "reorder", ...
const char* stage_name(Stage stage);
// The stage with that name, for readers of bmx-api's own JSON (tests, fuzzers).
std::optional<Stage> stage_from_name(std::string_view name);

struct Error {
    Stage stage = Stage::internal;
    std::string message;
    long http_status = 0;
};

enum class ErrorClass { usage, local_input, http, answer, transport, cancelled, reorder, internal };

ErrorClass classify(Stage stage);

}  // namespace bmx
