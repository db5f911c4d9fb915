// Reads an upload's answer against the ImageUploadResponse contract, and words the errors.
#include "upload/upload_answer.hpp"

#include <climits>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "api/http_error.hpp"
#include "core/json_fields.hpp"
#include "core/json_parse.hpp"

namespace bmx::upload {
namespace {

Error not_an_upload(long status, const std::string& why) {
    return Error{Stage::answer,
                 fmt::format("the server answered HTTP {} but not with an ImageUploadResponse ({}); it is not counted as "
                             "stored and not recorded, so a re-run sends it again",
                             status, why),
                 status};
}

Result<long long> image_id(const nlohmann::json& answer, long status) {
    auto found = answer.find("id");
    if (found == answer.end() || found->is_null()) return not_an_upload(status, "it has no image id");
    if (!found->is_number_integer() || (found->is_number_unsigned() && found->get<unsigned long long>() > LLONG_MAX))
        return not_an_upload(status, fmt::format("its id is a {}, not an integer", found->type_name()));
    long long id = found->get<long long>();
    if (id <= 0) return not_an_upload(status, fmt::format("its id is {}, not a positive integer", id));
    return id;
}

}  // namespace

Result<UploadAnswer> read_upload_answer(const http::HttpResponse& response) {
    nlohmann::json document = parse_json_within_depth(response.body);
    if (document.is_discarded()) return not_an_upload(response.status, "its body is not JSON");
    if (!document.is_object()) return not_an_upload(response.status, fmt::format("its body is a JSON {}, not an object", document.type_name()));
    auto id = image_id(document, response.status);
    if (!id) return id.take_error();
    std::vector<std::string> wrong;
    FieldReader fields{document, "the answer", &wrong};
    UploadAnswer answer;
    answer.id = *id;
    answer.url = fields.string("url");
    answer.thumbnail_url = fields.string("thumbnail_url");
    answer.image_type = fields.string("image_type");
    answer.is_primary = fields.boolean("is_primary");
    answer.thumbnail_status = fields.string("thumbnail_status");
    answer.thumbnail_error = fields.string("thumbnail_error");
    answer.duplicate = fields.boolean("duplicate");
    answer.message = fields.string("message");
    if (!wrong.empty()) return not_an_upload(response.status, wrong.front());
    if (answer.thumbnail_status && *answer.thumbnail_status != "generated" && *answer.thumbnail_status != "failed" &&
        *answer.thumbnail_status != "skipped")
        return not_an_upload(response.status, "its thumbnail_status is none of generated, failed or skipped");
    return answer;
}

bool is_batch_answer(const http::HttpResponse& response) {
    return response.status == 401 || response.status == 403 || response.status == 404;
}

Error final_http_error(const http::HttpResponse& response, const FileStatus& sent, const OutcomeContext& context) {
    if (auto elsewhere = api::unauthorized_off_origin(response, context.api_origin)) return *elsewhere;
    Error error = api::http_error(response);
    switch (response.status) {
        case 401: error.message += "; " + context.key_hint; break;
        case 413:
            error.message += "; " + too_large_answer_hint(static_cast<std::size_t>(sent.request_bytes),
                                                          static_cast<std::size_t>(sent.bytes), context.limit);
            break;
        default: break;
    }
    return error;
}

}  // namespace bmx::upload
