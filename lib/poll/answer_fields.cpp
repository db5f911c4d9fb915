// Reads `status`, `error_message` and `detail` from an answer, accepting null and odd types.
#include "poll/answer_fields.hpp"

#include <nlohmann/json.hpp>

#include "api/http_error.hpp"
#include "core/json_parse.hpp"

namespace bmx::poll {

AnswerFields read_answer_fields(const std::string& body) {
    AnswerFields fields;
    auto document = parse_json_within_depth(body);
    if (document.is_discarded() || !document.is_object()) return fields;
    if (auto status = document.find("status"); status != document.end()) {
        if (status->is_string()) fields.status = status->get<std::string>();
        else if (status->is_number() || status->is_boolean()) fields.status = status->dump();
    }
    if (auto message = document.find("error_message"); message != document.end() && message->is_string()) {
        if (!message->get_ref<const std::string&>().empty()) fields.reason = message->get<std::string>();
    }
    if (!fields.reason && document.contains("detail") && !document["detail"].is_null()) {
        std::string detail = api::response_detail(body);
        if (!detail.empty()) fields.reason = std::move(detail);
    }
    return fields;
}

}  // namespace bmx::poll
