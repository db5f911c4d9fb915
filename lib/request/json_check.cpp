// Validates JSON with a SAX pass that records where parsing failed, without building a document.
#include "request/json_check.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace bmx::request {
namespace {

using json = nlohmann::json;

// Accepts every event; only parse_error matters.
struct ErrorRecorder : json::json_sax_t {
    std::size_t byte = 0;
    std::string last_token;
    std::string reason;
    bool failed = false;

    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return true; }
    bool key(string_t&) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t position, const std::string& token, const nlohmann::detail::exception& error) override {
        failed = true;
        byte = position;
        last_token = token;
        std::string what = error.what();
        // nlohmann's text is "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error ...";
        // keep only the part after the position, which says what was wrong.
        auto colon = what.find(": ");
        reason = colon == std::string::npos ? what : what.substr(colon + 2);
        return false;
    }
};

}  // namespace

TextPosition position_of(std::string_view text, std::size_t byte_offset) {
    TextPosition position;
    std::size_t end = std::min(byte_offset, text.size());
    for (std::size_t i = 0; i < end; ++i) {
        if (text[i] == '\n') {
            ++position.line;
            position.column = 1;
        } else {
            ++position.column;
        }
    }
    return position;
}

Status check_json(std::string_view body) {
    ErrorRecorder recorder;
    json::sax_parse(body, &recorder, json::input_format_t::json, true, false);
    if (!recorder.failed) return Ok{};
    // nlohmann reports the position one past the offending character.
    auto at = position_of(body, recorder.byte > 0 ? recorder.byte - 1 : 0);
    return make_error(Stage::json, fmt::format("invalid JSON body at line {}, column {}: {}", at.line, at.column, recorder.reason));
}

}  // namespace bmx::request
