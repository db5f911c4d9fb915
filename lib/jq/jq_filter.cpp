// Compiles and runs jq programs through libjq, owning every jq_state, jv and parser it touches.
#include "jq/jq_filter.hpp"

#include <cctype>
#include <climits>
#include <cstdio>

#include <fmt/format.h>

extern "C" {
#include <jq.h>
#include <jv.h>
}

#include "core/json_budget.hpp"
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

// `input` and `inputs` read further inputs: there are none (each answer is filtered on its own).
// libjq 1.6 calls this callback without checking that one is set, and turns the invalid value
// into the error "break", which its `inputs` catches (so it is empty) and `input` does not.
jv no_more_inputs(jq_state*, void*) { return jv_invalid(); }

// libjq 1.6's word for `input` having nothing to read, in jq's own command's words.
std::string input_error_text(std::string message) {
    return message == "break" ? "No more inputs (each answer is filtered on its own)" : message;
}

// `debug` writes ["DEBUG:",VALUE] to stderr, as jq does, and passes its input on. The value is
// compact JSON, so control characters in it are escaped.
void debug_to_stderr(void*, jv value) {
    Jv message(jv_dump_string(JV_ARRAY(jv_string("DEBUG:"), value), 0));
    std::fprintf(stderr, "%s\n", jv_string_value(message.get()));
}

bool is_identifier_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool is_identifier_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// The first `import` or `include` directive in a jq program, outside strings and comments and
// not a field (.import) or a variable ($include); empty when there is none.
std::string module_directive(std::string_view program) {
    char previous = ' ';  // the last character that is not white space, outside strings
    for (std::size_t at = 0; at < program.size();) {
        char c = program[at];
        if (c == '"') {
            for (++at; at < program.size() && program[at] != '"'; ++at)
                if (program[at] == '\\') ++at;
            ++at;
            previous = '"';
        } else if (c == '#') {
            while (at < program.size() && program[at] != '\n') ++at;
        } else if (is_identifier_start(c)) {
            std::size_t end = at;
            while (end < program.size() && is_identifier_char(program[end])) ++end;
            std::string_view word = program.substr(at, end - at);
            if ((word == "import" || word == "include") && previous != '.' && previous != '$') return std::string(word);
            previous = program[end - 1];
            at = end;
        } else {
            if (!std::isspace(static_cast<unsigned char>(c))) previous = c;
            ++at;
        }
    }
    return {};
}

// Runs the compiled program on one input, handing each result on; an uncaught error or a
// halt with a non-zero exit code ends it with an Error.
template <class Take>
Status run_on_value(jq_state* state, Jv input, const std::string& option, const Take& take) {
    jq_start(state, input.release(), 0);
    while (true) {
        Jv result(jq_next(state));
        if (result.kind() != JV_KIND_INVALID) {
            bool truthy = result.kind() != JV_KIND_FALSE && result.kind() != JV_KIND_NULL;
            take(output_line(result), truthy);
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
            return make_error(Stage::jq, fmt::format("{} program halted with an error: {}", option, said));
        }
        if (!jv_invalid_has_msg(result.borrow())) return Ok{};
        Jv message(jv_invalid_get_msg(result.release()));
        return make_error(Stage::jq, fmt::format("{}: {}", option, input_error_text(message_text(message))));
    }
}

}  // namespace

void JqFilter::StateDeleter::operator()(jq_state* state) const { jq_teardown(&state); }

JqFilter::JqFilter(std::string expression, std::string option, StateHandle state, std::unique_ptr<Messages> messages)
    : expression_(std::move(expression)),
      option_(std::move(option)),
      state_(std::move(state)),
      messages_(std::move(messages)) {}

Result<JqFilter> JqFilter::compile(const std::string& expression, std::string_view option) {
    if (trim(expression).empty())
        return make_error(Stage::jq, fmt::format("{} needs an expression, such as '.items[].title'", option));
    // libjq 1.6 aborts on an assertion when a module is imported without a library path.
    if (auto directive = module_directive(expression); !directive.empty())
        return make_error(Stage::jq, fmt::format("invalid {} expression '{}': '{}' is not supported; bmx-api loads no jq modules",
                                                 option, expression, directive));
    StateHandle state(jq_init());
    if (!state) return make_error(Stage::jq, "libjq could not start (out of memory?)");
    auto messages = std::make_unique<Messages>();
    jq_set_error_cb(state.get(), &collect_message, messages.get());
    jq_set_input_cb(state.get(), &no_more_inputs, nullptr);
    jq_set_debug_cb(state.get(), &debug_to_stderr, nullptr);
    jq_set_attr(state.get(), jv_string("JQ_LIBRARY_PATH"), jv_array());  // no module is ever found
    if (!jq_compile(state.get(), expression.c_str())) {
        std::string reasons;
        for (const std::string& message : *messages) {
            if (is_compile_summary(message)) continue;
            if (!reasons.empty()) reasons += "; ";
            reasons += clean_compile_message(message);
        }
        if (reasons.empty()) reasons = "it does not compile";
        return make_error(Stage::jq, fmt::format("invalid {} expression '{}': {}", option, expression, reasons));
    }
    messages->clear();
    return JqFilter(expression, std::string(option), std::move(state), std::move(messages));
}

Status JqFilter::run(std::string_view json_text, const std::function<void(Output)>& take) {
    if (json_text.size() > static_cast<std::size_t>(INT_MAX))
        return make_error(Stage::jq, fmt::format("the response is too large for {}", option_));
    // libjq builds each input's whole document before the program runs.
    if (auto over = json_document_over_budget(json_text, fmt::format("for {}", option_ == "jq" ? "--jq" : option_)))
        return make_error(Stage::jq, *over);
    ParserHandle parser(jv_parser_new(0));
    if (!parser) return make_error(Stage::jq, "libjq could not start a parser (out of memory?)");
    // is_partial = 0: this is all the text there is, so a truncated value is an error.
    jv_parser_set_buf(parser.get(), json_text.data(), static_cast<int>(json_text.size()), 0);
    auto take_output = [&take](std::string line, bool truthy) { take(Output{std::move(line), truthy}); };
    while (true) {
        Jv value(jv_parser_next(parser.get()));
        if (value.kind() == JV_KIND_INVALID) {
            if (!jv_invalid_has_msg(value.borrow())) return Ok{};
            Jv message(jv_invalid_get_msg(value.release()));
            return make_error(Stage::jq, fmt::format("{}: the response is not JSON: {}", option_, message_text(message)));
        }
        if (auto ran = run_on_value(state_.get(), Jv(value.release()), option_, take_output); !ran) return ran.take_error();
    }
}

Result<std::vector<std::string>> JqFilter::apply(std::string_view json_text) {
    std::vector<std::string> lines;
    auto ran = run(json_text, [&lines](Output output) { lines.push_back(std::move(output.line)); });
    if (!ran) return ran.take_error();
    return lines;
}

Result<bool> JqFilter::holds(std::string_view json_text) {
    bool last_truthy = false;
    auto ran = run(json_text, [&last_truthy](Output output) { last_truthy = output.truthy; });
    if (!ran) return ran.take_error();
    return last_truthy;
}

}  // namespace bmx::jq
