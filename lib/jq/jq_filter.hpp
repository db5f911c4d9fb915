// JqFilter: a jq program compiled once by libjq and applied to JSON text, printing like `gh api --jq`.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

struct jq_state;

namespace bmx::jq {

class JqFilter {
public:
    // Compiles the program; a syntax error comes back with stage "jq" and libjq's own words,
    // so the command can refuse it before anything is sent. `option` names it in messages.
    static Result<JqFilter> compile(const std::string& expression, std::string_view option = "jq");

    // Runs the program on every JSON value in the text (usually one; empty text has none).
    // Each result is one line: a string as its raw text, anything else as compact JSON.
    // Text that is not JSON, or an error raised by the program, is an Error with stage "jq".
    Result<std::vector<std::string>> apply(std::string_view json_text);

    // Whether the program holds for the JSON text, as `jq -e` decides: its last result is
    // neither false nor null (no result at all is false). Errors as for apply().
    Result<bool> holds(std::string_view json_text);

    const std::string& expression() const { return expression_; }

private:
    struct StateDeleter {
        void operator()(jq_state* state) const;
    };
    using StateHandle = std::unique_ptr<jq_state, StateDeleter>;
    using Messages = std::vector<std::string>;

    JqFilter(std::string expression, std::string option, StateHandle state, std::unique_ptr<Messages> messages);

    // One result of the program: its output line, and whether jq counts it as true.
    struct Output {
        std::string line;
        bool truthy = false;
    };
    // Runs the program on every JSON value in the text, handing each result to `take`.
    Status run(std::string_view json_text, const std::function<void(Output)>& take);

    std::string expression_;
    std::string option_;  // "jq" or what the caller names it ("--wait-until"): how messages name the program
    StateHandle state_;
    // Where libjq's error callback collects messages; on the heap so the pointer libjq holds
    // stays valid when the filter is moved.
    std::unique_ptr<Messages> messages_;
};

}  // namespace bmx::jq
