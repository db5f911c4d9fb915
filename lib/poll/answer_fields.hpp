// The fields of a job's answer that a wait reports: its status, and why it failed.
#pragma once

#include <optional>
#include <string>

namespace bmx::poll {

struct AnswerFields {
    std::optional<std::string> status;  // `.status`: a string as is, a number or boolean as JSON
    std::optional<std::string> reason;  // `.error_message` when it is a non-empty string, else the API's `detail`
};

// Reads them from a JSON object answer; anything else, or a field that is null or missing, gives nothing.
AnswerFields read_answer_fields(const std::string& body);

}  // namespace bmx::poll
