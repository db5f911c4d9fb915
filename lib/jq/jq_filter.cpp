// Compiles and runs jq programs through libjq, owning every jq_state, jv and parser it touches.
#include "jq/jq_filter.hpp"

#include <climits>

#include <fmt/format.h>

extern "C" {
#include <jq.h>
#include <jv.h>
}

#include "core/text.hpp"

namespace bmx::jq {
namespace {

// Owns one jv reference. libjq functions consume the jv they are given, so a call that must
// keep the value passes borrow() (a new reference) and one that hands it over passes release().
class Jv {
public:
    explicit Jv(jv value) : value_(value) {}
    ~Jv() { jv_free(value_); }
    Jv(const Jv&) = delete;
    Jv& operator=(const Jv&) = delete;

    // For the few libjq calls that only look (jv_get_kind, jv_string_value, jv_number_value).
    jv get() const { return value_; }
    jv borrow() const { return jv_copy(value_); }
    jv release() {
        jv value = value_;
        value_ = jv_invalid();
        return value;
    }
    jv_kind kind() const { return jv_get_kind(value_); }

private:
    jv value_;
};

struct ParserDeleter {
    void operator()(jv_parser* parser) const { jv_parser_free(parser); }
};
using ParserHandle = std::unique_ptr<jv_parser, ParserDeleter>;

// A string jv's bytes (which may hold NUL), leaving the jv untouched.
std::string string_bytes(const Jv& text) {
    const char* bytes = jv_string_value(text.get());
    int length = jv_string_length_bytes(text.borrow());
    return std::string(bytes, static_cast<std::size_t>(length));
}

// A result as one output line: strings raw (like jq -r and gh --jq), everything else compact JSON.
std::string output_line(Jv& value) {
    if (value.kind() == JV_KIND_STRING) return string_bytes(value);
    Jv dumped(jv_dump_string(value.release(), 0));
    return string_bytes(dumped);
}

// The words of an error value: its message when it is a string, else its JSON.
std::string message_text(Jv& message) {
    if (message.kind() == JV_KIND_STRING) return string_bytes(message);
    Jv dumped(jv_dump_string(message.release(), 0));
    return string_bytes(dumped);
}

// libjq's compile messages look like "jq: error: syntax error, ... at <top-level>, line 1:\n.[";
// the first line, without the prefix, says what is wrong.
std::string clean_compile_message(const std::string& message) {
    std::string_view line(message);
    line = line.substr(0, line.find('\n'));
    constexpr std::string_view prefix = "jq: error: ";
    if (line.substr(0, prefix.size()) == prefix) line.remove_prefix(prefix.size());
    line = trim(line);
    if (!line.empty() && line.back() == ':') line.remove_suffix(1);
    return std::string(line);
}

bool is_compile_summary(const std::string& message) {
    return message.rfind("jq: ", 0) == 0 && message.find("compile error") != std::string::npos;
}

void collect_message(void* data, jv message) {
    auto* messages = static_cast<std::vector<std::string>*>(data);
    Jv formatted(jq_format_error(message));
    if (formatted.kind() == JV_KIND_STRING) messages->push_back(string_bytes(formatted));
}

// Runs the compiled program on one input, appending its results; an uncaught error or a
// halt with a non-zero exit code ends it with an Error.
Status run_on_value(jq_state* state, Jv input, std::vector<std::string>& lines) {
    jq_start(state, input.release(), 0);
    while (true) {
        Jv result(jq_next(state));
        if (result.kind() != JV_KIND_INVALID) {
            lines.push_back(output_line(result));
            continue;
        }
        if (jq_halted(state)) {
            Jv exit_code(jq_get_exit_code(state));
            Jv halt_message(jq_get_error_message(state));
            bool failed = exit_code.kind() == JV_KIND_NUMBER && jv_number_value(exit_code.get()) != 0;
            if (!failed) return Ok{};
            std::string said = halt_message.kind() == JV_KIND_NULL || halt_message.kind() == JV_KIND_INVALID
                                   ? std::string("no message")
                                   : std::string(trim(message_text(halt_message)));
            return make_error("jq", fmt::format("jq program halted with an error: {}", said));
        }
        if (!jv_invalid_has_msg(result.borrow())) return Ok{};
        Jv message(jv_invalid_get_msg(result.release()));
        return make_error("jq", fmt::format("jq: {}", message_text(message)));
    }
}

}  // namespace

void JqFilter::StateDeleter::operator()(jq_state* state) const { jq_teardown(&state); }

JqFilter::JqFilter(std::string expression, StateHandle state, std::unique_ptr<Messages> messages)
    : expression_(std::move(expression)), state_(std::move(state)), messages_(std::move(messages)) {}

Result<JqFilter> JqFilter::compile(const std::string& expression) {
    if (trim(expression).empty()) return make_error("jq", "a jq expression is needed, such as '.items[].title'");
    StateHandle state(jq_init());
    if (!state) return make_error("jq", "libjq could not start (out of memory?)");
    auto messages = std::make_unique<Messages>();
    jq_set_error_cb(state.get(), &collect_message, messages.get());
    if (!jq_compile(state.get(), expression.c_str())) {
        std::string reasons;
        for (const std::string& message : *messages) {
            if (is_compile_summary(message)) continue;
            if (!reasons.empty()) reasons += "; ";
            reasons += clean_compile_message(message);
        }
        if (reasons.empty()) reasons = "it does not compile";
        return make_error("jq", fmt::format("invalid jq expression '{}': {}", expression, reasons));
    }
    messages->clear();
    return JqFilter(expression, std::move(state), std::move(messages));
}

Result<std::vector<std::string>> JqFilter::apply(std::string_view json_text) {
    if (json_text.size() > static_cast<std::size_t>(INT_MAX))
        return make_error("jq", "the response is too large for jq");
    ParserHandle parser(jv_parser_new(0));
    if (!parser) return make_error("jq", "libjq could not start a parser (out of memory?)");
    // is_partial = 0: this is all the text there is, so a truncated value is an error.
    jv_parser_set_buf(parser.get(), json_text.data(), static_cast<int>(json_text.size()), 0);
    std::vector<std::string> lines;
    while (true) {
        Jv value(jv_parser_next(parser.get()));
        if (value.kind() == JV_KIND_INVALID) {
            if (!jv_invalid_has_msg(value.borrow())) return lines;
            Jv message(jv_invalid_get_msg(value.release()));
            return make_error("jq", fmt::format("the response is not JSON: {}", message_text(message)));
        }
        if (auto ran = run_on_value(state_.get(), Jv(value.release()), lines); !ran) return ran.take_error();
    }
}

}  // namespace bmx::jq
